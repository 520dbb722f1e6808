import http from 'node:http';

export interface RawRequest {
  method: string;
  /** Sent as is: no normalisation of `..`, no re-encoding (fetch would do both). */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** The body parsed as JSON when it is JSON, else undefined. */
  json: unknown;
}

/**
 * One request over a fresh connection with node:http, which lets a test send what browsers
 * and fetch refuse to: raw `../` paths, invalid UTF-8, any content type, latin-1 header bytes.
 */
export function send(baseUrl: string, request: RawRequest): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: request.method,
        path: request.path,
        headers: request.body ? { ...request.headers, 'content-length': String(request.body.length) } : request.headers,
        agent: false,
      },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          let json: unknown;
          if (/json/.test(res.headers['content-type'] ?? '') && body.length > 0) {
            try {
              json = JSON.parse(body.toString('utf8'));
            } catch {
              json = undefined;
            }
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json });
        });
      },
    );
    // A server may answer (413) and close before it has read a large body: that is not an error.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    req.end(request.body);
  });
}
