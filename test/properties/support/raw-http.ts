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
  /**
   * The connection was reset after the status line arrived, so the body is cut short. This
   * happens when the server answers without reading a large body it did not need (a GET with
   * 60 KB of JSON) and closes: TCP resets a socket closed with unread data. The status and
   * headers are still the server's answer.
   */
  truncated: boolean;
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
        let settled = false;
        const finish = (truncated: boolean) => {
          if (settled) return;
          settled = true;
          const body = Buffer.concat(chunks);
          let json: unknown;
          if (/json/.test(res.headers['content-type'] ?? '') && body.length > 0) {
            try {
              json = JSON.parse(body.toString('utf8'));
            } catch {
              json = undefined;
            }
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json, truncated });
        };
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', () => finish(true));
        res.on('aborted', () => finish(true));
        res.on('end', () => finish(res.readableAborted));
      },
    );
    // A server may answer (413) and close before it has read a large body: that is not an error.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    req.end(request.body);
  });
}
