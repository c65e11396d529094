import { audit } from "./audit";
import { core } from "./core";
import type { Catalogue } from "./types";
import { work } from "./work";

/** Every domain's catalogue; a new domain adds its module here. */
export const CATALOGUES: Catalogue[] = [core, work, audit];
