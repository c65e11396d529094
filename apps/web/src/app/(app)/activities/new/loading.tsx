import { PageLoading } from "@/components/tasks/loading";

export default PageLoading;
