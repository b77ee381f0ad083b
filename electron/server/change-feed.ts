import { EventEmitter } from 'node:events';
import pg from 'pg';
import { z } from 'zod';

/**
 * "Something changed" notices for the browsers of a team server: which kind of record, which id,
 * who. Deliberately without content: a browser that wants the data asks the API, which checks
 * the user's role as for any other read.
 */
export const ChangeEventSchema = z.strictObject({
  /** The API feature that changed data, e.g. 'vorlagen', 'gremien', 'beratung'. */
  kind: z.string().max(40),
  id: z.number().int().nullable(),
  /** Display name of the user who changed it. */
  by: z.string().max(200),
  method: z.string().max(100),
});
export type ChangeEvent = z.infer<typeof ChangeEventSchema>;

export interface ChangeFeed {
  publish(event: ChangeEvent): Promise<void>;
  subscribe(listener: (event: ChangeEvent) => void): () => void;
  close(): Promise<void>;
}

/** One process on one SQLite file: nobody else can change the data, an in-process emitter suffices. */
export class LocalChangeFeed implements ChangeFeed {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish(event: ChangeEvent): Promise<void> {
    this.emitter.emit('change', event);
  }

  subscribe(listener: (event: ChangeEvent) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

export const CHANGE_CHANNEL = 'vorlagenwerk_changes';
const RECONNECT_MS = 1000;

/**
 * Several instances on one PostgreSQL database: NOTIFY reaches every instance that LISTENs,
 * this one included, so local subscribers hear their own instance's changes the same way.
 * One dedicated connection per instance; it reconnects when the server drops it.
 */
export class PostgresChangeFeed implements ChangeFeed {
  private readonly local = new LocalChangeFeed();
  private client: pg.Client | null = null;
  private closed = false;
  private connecting: Promise<pg.Client> | null = null;

  private constructor(
    private readonly url: string,
    private readonly onError: (error: Error) => void,
  ) {}

  static async connect(url: string, onError: (error: Error) => void = () => {}): Promise<PostgresChangeFeed> {
    const feed = new PostgresChangeFeed(url, onError);
    await feed.connection();
    return feed;
  }

  private connection(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.url, application_name: 'vorlagenwerk-changes' });
      client.on('error', (error) => this.lost(client, error));
      client.on('end', () => this.lost(client));
      client.on('notification', (message) => {
        if (message.channel !== CHANGE_CHANNEL || !message.payload) return;
        try {
          const event = ChangeEventSchema.parse(JSON.parse(message.payload));
          void this.local.publish(event);
        } catch {
          // Not ours (another program on the channel): ignored.
        }
      });
      try {
        await client.connect();
        await client.query(`LISTEN ${CHANGE_CHANNEL}`);
      } catch (error) {
        await client.end().catch(() => {});
        throw error;
      }
      this.client = client;
      return client;
    })().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private lost(client: pg.Client, error?: Error) {
    if (this.client !== client) return;
    this.client = null;
    if (error) this.onError(error);
    if (this.closed) return;
    const retry = () => {
      if (this.closed) return;
      this.connection().catch((e: Error) => {
        this.onError(e);
        setTimeout(retry, RECONNECT_MS).unref();
      });
    };
    setTimeout(retry, RECONNECT_MS).unref();
  }

  async publish(event: ChangeEvent): Promise<void> {
    const client = await this.connection();
    await client.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, JSON.stringify(event)]);
  }

  subscribe(listener: (event: ChangeEvent) => void): () => void {
    return this.local.subscribe(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.local.close();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }
}

/** PostgreSQL for a postgres:// URL; else one process on its SQLite file. */
export async function openChangeFeed(databaseUrl: string | null | undefined, onError?: (error: Error) => void): Promise<ChangeFeed> {
  return databaseUrl && /^postgres(ql)?:/.test(databaseUrl) ? PostgresChangeFeed.connect(databaseUrl, onError) : new LocalChangeFeed();
}
