import fc from 'fast-check';
import type { JsonSchema, RouteSpec } from './route-catalogue.ts';

/**
 * Generators for hostile HTTP requests. Values are "near valid" on purpose: a request that is
 * wrong everywhere stops at the first check, so most generated requests follow the route's own
 * schema (from the OpenAPI document) with one or two things broken, and carry strings that
 * are valid JSON and valid zod input but hard on what comes after (NUL, lone surrogates).
 */

/** Strings that have broken real systems: NUL, lone surrogates, traversal, injection, RTL. */
const NASTY = [
  '',
  ' ',
  '\u0000',
  'abc\u0000def',
  '\ud800',
  'abc\udfffdef',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%00',
  '%2e%2e%2f',
  "' OR '1'='1",
  '"; DROP TABLE users; --',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '\u202eevil',
  '\uFEFFbom',
  '🙂👩‍👩‍👧‍👦',
  'Ærø Ølstykke Åbenrå',
  '\r\nSet-Cookie: x=y',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  'NaN',
  '1e309',
  '-0',
];

export const nastyString = fc.constantFrom(...NASTY);

const longString = fc
  .tuple(fc.integer({ min: 200, max: 20_000 }), fc.constantFrom('x', 'æ', '🙂', '\u0000'))
  .map(([n, unit]) => unit.repeat(n));

/** Any string: random text, all of Unicode, nasty constants, long ones, and mixtures. */
export const anyString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: nastyString, weight: 4 },
  { arbitrary: longString, weight: 1 },
  { arbitrary: fc.tuple(fc.string({ minLength: 3, maxLength: 12 }), nastyString).map(([a, b]) => a + b), weight: 3 },
);

/** A string of a length the schema accepts, with nasty content inside it most of the time. */
function stringWithin(schema: JsonSchema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 60, 400);
  const padded = fc.tuple(fc.string({ maxLength: Math.max(0, max - min) }), nastyString).map(([s, nasty]) => {
    const text = `Tekst ${nasty}${s}`.slice(0, max);
    return text.length >= min ? text : text.padEnd(min, 'x');
  });
  return fc.oneof(
    { arbitrary: padded, weight: 4 },
    { arbitrary: fc.string({ minLength: min, maxLength: max }), weight: 2 },
    // Just outside the limits.
    { arbitrary: fc.constantFrom(...[min - 1, max + 1].filter((n) => n >= 0).map((n) => 'y'.repeat(n))), weight: 1 },
    { arbitrary: anyString, weight: 1 },
  );
}

const ISO_DATES = ['2026-11-26', '0000-01-01', '0001-01-01', '1969-12-31', '9999-12-31', '2026-02-29', '2024-02-29', '2026-13-01', '26-11-2026', '2026-11-26T00:00:00Z'];

/** Values that follow a JSON schema, or break it in one place. */
export function valueFor(schema: JsonSchema, known: KnownValues, depth = 0): fc.Arbitrary<unknown> {
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return fc.oneof(...options.map((s) => valueFor(s, known, depth + 1)));
  if (schema.enum) return fc.oneof({ arbitrary: fc.constantFrom(...schema.enum), weight: 5 }, { arbitrary: anyString, weight: 1 });
  if ('const' in schema) return fc.oneof({ arbitrary: fc.constant(schema.const), weight: 5 }, { arbitrary: fc.jsonValue({ maxDepth: 1 }), weight: 1 });
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      if (schema.format === 'uuid') return idLike(known);
      if (schema.format === 'email') return emailLike(known);
      if (schema.format === 'date') return fc.oneof(fc.constantFrom(...ISO_DATES), fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)));
      return stringWithin(schema);
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? -1e6;
      const max = schema.maximum ?? 1e6;
      return fc.oneof(
        { arbitrary: fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31 - 1) }), weight: 4 },
        { arbitrary: fc.constantFrom(min - 1, max + 1, 0, -1, 1.5, 2 ** 53, -(2 ** 53), 1e308), weight: 2 },
        { arbitrary: fc.constantFrom('1', '', 'NaN', null, true), weight: 1 },
      );
    }
    case 'boolean':
      return fc.oneof({ arbitrary: fc.boolean(), weight: 5 }, { arbitrary: fc.constantFrom('true', 1, 0, null), weight: 1 });
    case 'array': {
      const item = schema.items ? valueFor(schema.items, known, depth + 1) : fc.jsonValue({ maxDepth: 1 });
      return fc.oneof(
        { arbitrary: fc.array(item, { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 5, 10) }), weight: 5 },
        // One to three past the bound, of a few items repeated: a bound of a thousand (a scenario's
        // functions) then costs no more to generate than one of ten.
        {
          arbitrary: fc
            .tuple(fc.array(item, { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 3 }))
            .map(([few, over]) => Array.from({ length: (schema.maxItems ?? 10) + over }, (_, i) => few[i % few.length])),
          weight: 1,
        },
      );
    }
    case 'object':
      return objectFor(schema, known, depth);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** An object with the schema's fields, some missing, sometimes one unknown field or wrong types. */
export function objectFor(schema: JsonSchema, known: KnownValues, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const fields = Object.fromEntries(
    Object.entries(properties).map(([name, s]) => [
      name,
      fc.oneof(
        { arbitrary: valueFor(s, known, depth + 1), weight: 8 },
        // Wrong type: any JSON value.
        { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 1 },
      ),
    ]),
  );
  const base = fc.record(fields, { requiredKeys: [] });
  // Required keys are usually there (so the request gets past them), sometimes dropped.
  const requiredFields = fc.record(Object.fromEntries(Object.entries(fields).filter(([k]) => required.has(k))));
  const withRequired = fc.tuple(base, requiredFields).map(([some, all]) => ({ ...some, ...all }));
  const complete = fc.oneof({ arbitrary: withRequired, weight: 5 }, { arbitrary: base, weight: 1 });
  return fc.oneof(
    { arbitrary: complete, weight: 6 },
    {
      arbitrary: fc.tuple(complete, fc.oneof(fc.constantFrom('unknownField', 'isAdmin', 'role', 'id', '__proto__', 'constructor', ''), fc.string({ maxLength: 20 })), fc.jsonValue({ maxDepth: 1 })).map(
        ([obj, key, value]) => {
          const copy: Record<string, unknown> = { ...obj };
          // defineProperty, so "__proto__" becomes an own key that JSON.stringify writes out.
          Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
          return copy;
        },
      ),
      weight: 1,
    },
  );
}

/** Ids the test learned from the running app (other users, the municipality), to reach deeper code. */
export interface KnownValues {
  ids: string[];
  emails: string[];
}

function idLike(known: KnownValues): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.uuid(), weight: 3 },
    { arbitrary: fc.constantFrom(...known.ids), weight: 3 },
    { arbitrary: fc.constantFrom('00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', 'not-a-uuid', ''), weight: 1 },
    { arbitrary: anyString, weight: 1 },
  );
}

function emailLike(known: KnownValues): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.emailAddress(), weight: 3 },
    { arbitrary: fc.constantFrom(...known.emails), weight: 2 },
    { arbitrary: fc.tuple(nastyString, fc.constantFrom('@trekant.test', '@example.dk')).map(([a, b]) => `a${a}${b}`), weight: 1 },
    { arbitrary: anyString, weight: 1 },
  );
}

// --- encoding -------------------------------------------------------------------------------

/**
 * Percent-encodes the UTF-8 bytes of a string. encodeURIComponent throws on lone surrogates;
 * these become U+FFFD here, and raw invalid byte sequences are generated separately.
 */
export function percentEncode(value: string): string {
  return [...Buffer.from(value, 'utf8')].map((b) => (/[A-Za-z0-9\-._~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

/** Raw URL fragments that decoders choke on. */
const RAW_URL_BITS = ['%', '%zz', '%E0%A4%A', '%FF', '%C0%AF', '%ED%A0%80', '%00', '%2e%2e', '..', '../..', '%2F', '//', ';', '%25', '+'];

// --- bodies -------------------------------------------------------------------------------

export interface GeneratedBody {
  kind: string;
  bytes: Buffer;
}

const INVALID_UTF8 = [[0xff], [0xfe, 0xff], [0xc3], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82]];
const BAD_JSON = ['{', '}', '{"a":}', "{'a':1}", '[1,]', '{"a":1,}', 'NaN', 'undefined', '{"a":1}{"b":2}', '"unterminated', '{"a":"\\x41"}', '{"a":01}', '\u0000', ' ', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}'];

/** A request body: schema-shaped JSON when `plausible`, else anything from bad bytes to 1 MiB. */
export function bodyFor(route: RouteSpec, known: KnownValues, bodyLimit: number, plausible: boolean): fc.Arbitrary<GeneratedBody | undefined> {
  const json = (kind: string) => (value: unknown) => ({ kind, bytes: Buffer.from(JSON.stringify(value) ?? 'null', 'utf8') });
  const schemaValue = route.body ? valueFor(route.body, known) : fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });
  if (plausible) return schemaValue.map(json('schema-shaped JSON'));
  return fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 2 },
    { arbitrary: schemaValue.map(json('schema-shaped JSON')), weight: 10 },
    { arbitrary: fc.jsonValue({ maxDepth: 3 }).map(json('random JSON')), weight: 3 },
    {
      arbitrary: fc.oneof(fc.constantFrom(...BAD_JSON), schemaValue.chain((v) => {
        const text = JSON.stringify(v) ?? '';
        return fc.integer({ min: 0, max: Math.max(0, text.length - 1) }).map((n) => text.slice(0, n));
      })).map((text) => ({ kind: 'malformed JSON', bytes: Buffer.from(text, 'utf8') })),
      weight: 2,
    },
    {
      arbitrary: fc.tuple(schemaValue, fc.constantFrom(...INVALID_UTF8)).map(([value, bad]) => {
        // Put the broken bytes inside the first string of an otherwise well-formed body.
        const text = JSON.stringify(value) ?? '""';
        const at = text.indexOf('"') + 1;
        const bytes = at > 0 ? Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from(bad), Buffer.from(text.slice(at))]) : Buffer.concat([Buffer.from('"'), Buffer.from(bad), Buffer.from('"')]);
        return { kind: 'invalid UTF-8', bytes };
      }),
      weight: 2,
    },
    {
      arbitrary: fc.tuple(fc.integer({ min: 100, max: 50_000 }), fc.boolean()).map(([depth, objects]) => ({
        kind: `nested ${depth} deep`,
        bytes: Buffer.from(objects ? '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) : '['.repeat(depth) + ']'.repeat(depth)),
      })),
      weight: 1,
    },
    {
      arbitrary: fc.oneof(fc.integer({ min: 1000, max: bodyLimit - 100 }), fc.integer({ min: bodyLimit + 1, max: bodyLimit + 4096 })).map((size) => ({
        kind: size > bodyLimit ? `over the limit (${size} bytes)` : `huge string (${size} bytes)`,
        bytes: Buffer.from(`{"name":"${'x'.repeat(size - 11)}"}`),
      })),
      weight: 1,
    },
  );
}

export const contentType = fc.oneof(
  { arbitrary: fc.constant('application/json'), weight: 12 },
  { arbitrary: fc.constantFrom('application/json; charset=utf-8', 'Application/JSON', 'application/json; charset=latin1'), weight: 2 },
  {
    arbitrary: fc.constantFrom(
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      'application/vnd.api+json',
      'application/octet-stream',
      ';;;',
      'json',
      '',
    ),
    weight: 3,
  },
);

// --- headers --------------------------------------------------------------------------------

/** Header values node:http will send: tab, printable ASCII and latin-1. */
export const headerText = (maxLength: number) =>
  fc.string({
    unit: fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff })).map((c) => String.fromCharCode(c)),
    maxLength,
  });

export const acceptLanguage = fc.option(
  fc.oneof(fc.constantFrom('da', 'en', 'en-GB,en;q=0.9,da;q=0.8', 'da;q=abc,en;q=', '*', 'de-DE', ',,,;;;q=1', 'en;q=NaN', 'EN'), headerText(300)),
  { nil: undefined },
);

export const bogusAuthorization = fc.oneof(
  headerText(80).map((t) => `Bearer ${t}`),
  headerText(60).map((t) => `Bearer trk_${t}`),
  fc.constantFrom('Bearer', 'Bearer ', 'Basic YWRtaW46YWRtaW4=', 'bearer trk_x', 'Bearer trk_' + 'A'.repeat(2000)),
);

export const bogusCookies = fc.array(
  fc.oneof(
    headerText(60).map((t) => `trekant_session=${t.replace(/[;,]/g, '')}`),
    fc.tuple(fc.stringMatching(/^[a-z_]{1,12}$/), headerText(40)).map(([k, v]) => `${k}=${v.replace(/[;,]/g, '')}`),
    fc.constantFrom('trekant_session=', 'trekant_session=%00', 'trekant_session=%zz', '=', ';;', 'trekant_session="quoted"'),
  ),
  { maxLength: 3 },
);

// --- paths and queries --------------------------------------------------------------------

export function paramValue(known: KnownValues): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.uuid().map(percentEncode), weight: 3 },
    { arbitrary: fc.constantFrom(...known.ids), weight: 3 },
    { arbitrary: anyString.filter((s) => s.length <= 150).map(percentEncode), weight: 3 },
    { arbitrary: fc.constantFrom(...RAW_URL_BITS, '..%2F..%2Fpackage.json', '%2e%2e%2f%2e%2e%2fetc%2fpasswd', 'x'.repeat(200)), weight: 2 },
  );
}

export function wildcardTail(known: KnownValues): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom('', 'index.html', 'swagger-ui.css', 'brugere', 'indstillinger/sikkerhed', '../../../package.json', '..%2f..%2f..%2fpackage.json', '%2e%2e/%2e%2e/%2e%2e/package.json', 'static/../../../../etc/passwd', '%00', 'a%00.js'),
    fc.array(paramValue(known), { maxLength: 4 }).map((parts) => parts.join('/')),
  );
}

/** A query string: schema-shaped when `plausible`, else also random keys and broken encodings. */
export function queryFor(route: RouteSpec, known: KnownValues, plausible: boolean): fc.Arbitrary<string> {
  const encode = (obj: Record<string, unknown>) =>
    Object.entries(obj)
      .flatMap(([k, v]) => (Array.isArray(v) ? v.map((item) => [k, item] as const) : [[k, v] as const]))
      .map(([k, v]) => `${percentEncode(k)}=${percentEncode(typeof v === 'string' ? v : JSON.stringify(v) ?? '')}`)
      .join('&');
  // Kept well under node's 16 KiB header limit: a 431 is tested once, by itself.
  const schemaShaped = route.query ? objectFor(route.query, known).map((q) => encode(q).slice(0, 6000)) : fc.constant('');
  if (plausible) return schemaShaped;
  return fc.oneof(
    { arbitrary: fc.constant(''), weight: 2 },
    { arbitrary: schemaShaped, weight: 8 },
    { arbitrary: fc.dictionary(fc.string({ maxLength: 10 }), anyString.filter((s) => s.length < 2000), { maxKeys: 4 }).map((q) => encode(q).slice(0, 6000)), weight: 2 },
    {
      arbitrary: fc
        .tuple(schemaShaped, fc.array(fc.oneof(fc.constantFrom(...RAW_URL_BITS), fc.constantFrom('a[b]=c', '__proto__[x]=1', 'constructor[prototype][x]=1', 'purpose[]=abc', '=', '&&&', 'a=1&a=2')), { minLength: 1, maxLength: 3 }))
        .map(([q, bits]) => [q, ...bits].filter(Boolean).join('&')),
      weight: 2,
    },
  );
}
