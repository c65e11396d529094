import { z } from "zod";

// Runs before any of the app's client modules. Zod compiles object parsers with `new Function`
// when eval is allowed, probing for it as each object schema is built; the Content-Security-
// Policy forbids eval, and the browser reports even the caught probe as a violation. The forms'
// schemas are small: interpret them.
z.config({ jitless: true });
