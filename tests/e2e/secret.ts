/**
 * The AUTH_SECRET of the end-to-end run's throwaway server: the config passes it to the server
 * and security.spec.ts checks that no byte the browser receives contains it.
 */
export const E2E_AUTH_SECRET = "e2e-only-secret-not-for-production-0123456789";
