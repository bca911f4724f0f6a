import type { Knex } from 'knex';
import type { Config } from '../../config';
import type { Logger } from '../logger';

/** What every module's routes receive: the app's dependencies, passed explicitly (no globals). */
export interface AppDeps {
  config: Config;
  db: Knex;
  logger: Logger;
}
