import { activity } from "./activity";
import { audit } from "./audit";
import { core } from "./core";
import { exportMessages } from "./export";
import { group } from "./group";
import { member } from "./member";
import { monthly } from "./monthly";
import { participation } from "./participation";
import { problem } from "./problem";
import type { Catalogue } from "./types";
import { work } from "./work";

/** Every domain's catalogue; a new domain adds its module here. */
export const CATALOGUES: Catalogue[] = [core, work, activity, audit, exportMessages, group, member, monthly, participation, problem];
