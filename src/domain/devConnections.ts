// The connections `npm start` passes in TYK_KEYS_DEV_CONNECTIONS (a JSON list): what of it is kept.
// An item not of the expected shape is dropped, and text that is not JSON gives none; never thrown on.
// Plain TypeScript.
import * as z from 'zod/mini';

const devConnection = z.object({
  name: z.string(),
  kind: z.enum(['dashboard', 'gateway']),
  url: z.string(),
  credential: z.string(),
  /** Dashboard: the Gateway that serves its APIs (the sandbox's is not on :8080 when 8080 was busy). */
  gatewayUrl: z.optional(z.string()),
});

/** One connection `npm start` asks for. */
export type DevConnection = z.infer<typeof devConnection>;

export function parseDevConnections(raw: string | undefined): DevConnection[] {
  if (!raw) {
    return [];
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) {
    return [];
  }
  return value.flatMap((item: unknown) => {
    const parsed = devConnection.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}
