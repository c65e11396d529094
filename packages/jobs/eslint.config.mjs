import base from "@dm/eslint-config/base";

export default base;
