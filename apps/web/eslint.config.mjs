import next from "@dm/eslint-config/next";

export default next;
