export * from "./committee";
export * from "./member";
export * from "./user";
export * from "./audit";
export * from "./login-attempt";
export * from "./session";
