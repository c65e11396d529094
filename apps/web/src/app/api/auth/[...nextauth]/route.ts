import { handlers } from "@dm/auth";

export const { GET, POST } = handlers;
