import type { Knex } from 'knex';
import type { Config } from '../../config';
import type { Logger } from '../logger';
import type { WriteBatcher } from '../write-batcher';

/** What every module's routes receive: the app's dependencies, passed explicitly (no globals). */
export interface AppDeps {
  config: Config;
  /** The database: the readers' connections while answering a GET or HEAD, the writer's otherwise (shared/read-routing). */
  db: Knex;
  logger: Logger;
  /** The group-commit writer (shared/write-batcher) for frequent small writes. */
  writer: WriteBatcher;
}

/**
 * What createApp is given. `db` is the writer; `readDb` the readers' pool (shared/db createReadDb;
 * the writer when absent); `writer` the group-commit writer over `db` (one is made when absent: the
 * server passes its own, to drain it on shutdown).
 */
export type AppInput = Omit<AppDeps, 'writer'> & { readDb?: Knex; writer?: WriteBatcher };
