import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The database's epochs: one row when the file is created, and one more in every copy the backup
 * command writes. A database restored from a copy so has a current epoch the live one never had, and
 * what was handed out under an earlier epoch (feed cursors) is known to come from before the restore.
 * Each epoch has its own key to sign what it hands out; earlier ones are kept to recognise them.
 */
export const databaseEpochs = sqliteTable('database_epochs', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  epoch: text('epoch').notNull().unique(),
  key: text('key').notNull(),
  reason: text('reason', { enum: ['created', 'backup'] }).notNull(),
  startedAt: text('started_at').notNull(),
});
