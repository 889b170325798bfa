export type { LicenseLine } from './lib/compile.js';
export type { RobotsOptions } from './lib/options.js';
export { type Explanation, parseRobots, type Robots } from './lib/robots.js';
export type { StatementKeyer } from './lib/statement-key.js';
