import type { Knex } from 'knex';

/**
 * Email (issue 14, item 6). Every mail is first a row of `outbox_mails`, written in the transaction
 * of the action that causes it: a rolled-back action sends nothing, a committed one loses nothing,
 * and the request never waits for an SMTP server. A background sender claims rows, sends them and
 * retries with back-off. Owned by the notifications module, as `notification_preferences` (the
 * optional kinds a person turned off: no row means « on », the default).
 *
 * `password_resets` (owned by users): a reset link's token is stored hashed (SHA-256), single use
 * (`used_at`) and expiring.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('outbox_mails', (t) => {
    t.increments('id');
    // Null once the person is deleted: the mail stays in the DSI's list, addressed as it was.
    t.integer('user_id').references('id').inTable('users').onDelete('SET NULL');
    t.string('to_address', 254).notNullable();
    t.string('kind', 40).notNullable();
    t.string('subject', 300).notNullable();
    t.text('text_body').notNullable();
    t.text('html_body').notNullable();
    // An .ics invitation (RFC 5545 text), for a workshop registration.
    t.text('ics');
    // en_attente | en_cours (claimed by a sender) | envoye | echoue (gave up after the last attempt)
    t.string('status', 20).notNullable().defaultTo('en_attente');
    t.integer('attempts').notNullable().defaultTo(0);
    t.timestamp('next_attempt_at', { useTz: true }).notNullable();
    t.string('claim_token', 64);
    t.timestamp('claimed_at', { useTz: true });
    t.string('last_error', 500);
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('sent_at', { useTz: true });
    // The sender's query: the due rows, oldest first.
    t.index(['status', 'next_attempt_at']);
    t.index(['claim_token']);
    t.index(['user_id']);
  });

  await knex.schema.createTable('notification_preferences', (t) => {
    t.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.string('kind', 40).notNullable();
    t.boolean('enabled').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.primary(['user_id', 'kind']);
  });

  await knex.schema.createTable('password_resets', (t) => {
    t.increments('id');
    t.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.string('token_hash', 64).notNullable().unique();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('used_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.index(['user_id']);
  });

  // The reminder the day before a workshop, recorded so that it goes once per registration whatever
  // the number of instances or restarts (owned by workshops, as its table).
  await knex.schema.alterTable('workshop_registrations', (t) => {
    t.timestamp('reminded_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('workshop_registrations', (t) => {
    t.dropColumn('reminded_at');
  });
  await knex.schema.dropTableIfExists('password_resets');
  await knex.schema.dropTableIfExists('notification_preferences');
  await knex.schema.dropTableIfExists('outbox_mails');
}
