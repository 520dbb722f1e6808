import type { FastifyReply } from 'fastify';

/**
 * Serialised views kept per process under keys that carry the version of the data they were
 * computed from: the caller reads the version from the database on every request (one small
 * query), so a change made through any process is seen at once and a stale view is never
 * served. Only for views that are the same for every reader of the key (put whatever differs,
 * such as what the reader may see, into the key). Bounded: the oldest entry goes first.
 */
export class ViewCache {
  private readonly entries = new Map<string, string>();

  constructor(private readonly size = 200) {}

  async json(key: string, compute: () => Promise<unknown>): Promise<string> {
    const cached = this.entries.get(key);
    if (cached !== undefined) return cached;
    const json = JSON.stringify(await compute());
    if (this.entries.size >= this.size) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, json);
    return json;
  }
}

/** Sends JSON text already checked against its schema (a cached view) as it is. */
export const sendJson = (reply: FastifyReply, json: string) => reply.type('application/json; charset=utf-8').serializer((payload: unknown) => payload as string).send(json);
