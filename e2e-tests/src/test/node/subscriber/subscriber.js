#!/usr/bin/env node
// A subscriber outside Seedship, with no Java and no generated code: it reads the public topics
// (seedship.seed.outcomes and seedship.seed.status) and decodes each record with nothing but
//   - the published Avro schemas (contracts/src/main/avro/**/*.avsc, read at run time), and
//   - the CloudEvents Kafka-binding headers (ce_id, ce_source, ce_type, ce_subject, ce_time, content-type).
// A record value is Avro single-object encoding: c3 01, the 8-byte little-endian CRC-64-AVRO fingerprint of the
// writer schema's Parsing Canonical Form, then the Avro binary body. The schema is picked by ce_type and the
// fingerprint checked against it; a record that cannot be decoded is reported as an error line, never skipped.
//
// Output: one JSON object per record on stdout, either
//   {"topic","partition","offset","key","headers":{...},"type","fingerprint","value":{...}}  or
//   {"topic","partition","offset","key","headers":{...},"error":"..."}
// Diagnostics go to stderr.
//
// Usage: node subscriber.js --bootstrap host:port[,host:port] [--count N] [--timeout-ms 30000]
//          [--schemas DIR] [--history DIR] [--group ID] [--topics a,b]
//          [--ssl-ca ca.pem --ssl-cert subscriber.pem --ssl-key subscriber-key.pem]
//        (mutual TLS with the subscriber's certificate, as Seedship's broker wants; its group must start with
//        'subscriber', the only groups the subscriber principal may use)
//        node subscriber.js --fingerprints [--schemas DIR] [--history DIR]
//          prints {"<full name>": "<CRC-64-AVRO hex>", "<full name>/v1": ...} of every record schema and earlier version
'use strict';

const fs = require('fs');
const path = require('path');
const avro = require('avsc');
const { Kafka, logLevel } = require('kafkajs');

const REPO = path.resolve(__dirname, '..', '..', '..', '..', '..');
const MAGIC = Buffer.from([0xc3, 0x01]);
const HEADER_LENGTH = MAGIC.length + 8;

// ---- CRC-64-AVRO (the Avro specification's "Schema Fingerprints") -------------------------------------------
const EMPTY = 0xc15d213aa4d7a795n;
const MASK = 0xffffffffffffffffn;
const TABLE = (() => {
  const table = new Array(256);
  for (let i = 0; i < 256; i++) {
    let fp = BigInt(i);
    for (let j = 0; j < 8; j++) {
      fp = (fp >> 1n) ^ (EMPTY & (-(fp & 1n) & MASK));
    }
    table[i] = fp;
  }
  return table;
})();

function crc64Avro(bytes) {
  let fp = EMPTY;
  for (const b of bytes) {
    fp = (fp >> 8n) ^ TABLE[Number((fp ^ BigInt(b)) & 0xffn)];
  }
  return fp;
}

/** The Parsing Canonical Form of a parsed type: avsc's getSchema() without attributes is that form. */
function canonicalForm(type) {
  return JSON.stringify(type.getSchema());
}

function fingerprintOf(type) {
  return crc64Avro(Buffer.from(canonicalForm(type), 'utf8'));
}

function hex64(fp) {
  return fp.toString(16).padStart(16, '0');
}

// ---- schemas -----------------------------------------------------------------------------------------------
function avscFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...avscFiles(p));
    else if (entry.name.endsWith('.avsc')) out.push(p);
  }
  return out.sort();
}

/**
 * Parses every .avsc of the directory into one registry, so that a named type defined in one file
 * (io.seedship.contracts.common.EventMetadata) resolves where another file references it by name. Files are parsed
 * in rounds until no more resolve: a file whose references are not yet defined waits for the next round.
 */
function loadSchemas(dir) {
  let pending = avscFiles(dir).map((file) => ({ file, schema: JSON.parse(fs.readFileSync(file, 'utf8')) }));
  if (pending.length === 0) throw new Error('no .avsc files under ' + dir);
  let registry = {};
  const types = new Map(); // full name -> type, for every top-level schema
  while (pending.length > 0) {
    const failed = [];
    for (const p of pending) {
      const attempt = Object.assign({}, registry);
      try {
        const type = avro.Type.forSchema(p.schema, { registry: attempt });
        registry = attempt;
        types.set(type.getName(), type);
      } catch (e) {
        failed.push(Object.assign(p, { error: e }));
      }
    }
    if (failed.length === pending.length) {
      throw new Error('cannot parse ' + failed.map((f) => path.relative(dir, f.file) + ': ' + f.error.message).join('; '));
    }
    pending = failed;
  }
  return { registry, types };
}

/** Earlier versions (avro-history/<full name>/vN.avsc), read as writers resolved to the current reader schema. */
function loadHistory(dir, current) {
  const writers = new Map(); // fingerprint hex -> {name, version, resolver}
  if (!dir || !fs.existsSync(dir)) return writers;
  for (const file of avscFiles(dir)) {
    try {
      const type = parseWithOwnNames(JSON.parse(fs.readFileSync(file, 'utf8')), current.registry);
      const reader = current.types.get(type.getName());
      if (!reader) continue;
      writers.set(hex64(fingerprintOf(type)), {
        name: type.getName(), version: path.basename(file, '.avsc'), writer: type,
        resolver: reader.createResolver(type),
      });
    } catch (e) {
      process.stderr.write(`subscriber: history schema ${file} skipped: ${e.message}\n`);
    }
  }
  return writers;
}

/**
 * Parses an earlier version against the current registry for the names it only references; the names it defines
 * itself (its own record, and any type it defined inline then) are its own, not the current ones.
 */
function parseWithOwnNames(schema, registry) {
  const attempt = Object.assign({}, registry);
  for (let tries = 0; tries < 100; tries++) {
    try {
      return avro.Type.forSchema(schema, { registry: Object.assign({}, attempt) });
    } catch (e) {
      const duplicate = /duplicate type name: (\S+)/.exec(e.message);
      if (!duplicate || !(duplicate[1] in attempt)) throw e;
      delete attempt[duplicate[1]];
    }
  }
  throw new Error('too many redefined names');
}

// ---- decoding ----------------------------------------------------------------------------------------------
function headerMap(headers) {
  const out = {};
  for (const [name, value] of Object.entries(headers || {})) {
    const v = Array.isArray(value) ? value[value.length - 1] : value;
    out[name] = v === undefined || v === null ? null : Buffer.isBuffer(v) ? v.toString('utf8') : String(v);
  }
  return out;
}

function decoder(schemas, history) {
  const current = new Map(); // type name -> {type, fingerprint}
  const byFingerprint = new Map();
  for (const [name, type] of schemas.types) {
    if (type.typeName !== 'record') continue;
    const fp = hex64(fingerprintOf(type));
    current.set(name, { type, fingerprint: fp });
    byFingerprint.set(fp, name);
  }
  return function decode(headers, value) {
    const ceType = headers.ce_type;
    if (!ceType) throw new Error('no ce_type header: not a CloudEvents record');
    if (headers['content-type'] !== 'application/avro') {
      throw new Error(`content-type is ${JSON.stringify(headers['content-type'])}, not application/avro`);
    }
    const schema = current.get(ceType);
    if (!schema) throw new Error(`ce_type ${ceType} is not a type of the published schemas`);
    if (!value) throw new Error('record has no value');
    if (value.length < HEADER_LENGTH || !value.subarray(0, 2).equals(MAGIC)) {
      throw new Error(`not Avro single-object encoded: starts with ${value.subarray(0, HEADER_LENGTH).toString('hex')}`);
    }
    const fp = hex64(value.readBigUInt64LE(2));
    let type = schema.type;
    let resolver;
    let version = 'current';
    if (fp !== schema.fingerprint) {
      const older = history.get(fp);
      if (older && older.name === ceType) {
        resolver = older.resolver;
        type = older.writer;
        version = older.version;
      } else if (byFingerprint.has(fp)) {
        throw new Error(`schema fingerprint ${fp} is ${byFingerprint.get(fp)}'s, not that of ce_type ${ceType} (${schema.fingerprint})`);
      } else {
        throw new Error(`unknown schema fingerprint ${fp} for ce_type ${ceType} (its schema's is ${schema.fingerprint})`);
      }
    }
    let decoded;
    try {
      decoded = resolver ? schema.type.decode(value, HEADER_LENGTH, resolver) : type.decode(value, HEADER_LENGTH);
    } catch (e) {
      throw new Error(`corrupt ${ceType} body: ${e.message}`);
    }
    if (decoded.offset < 0) throw new Error(`corrupt ${ceType} body: truncated (${value.length - HEADER_LENGTH} body bytes)`);
    if (decoded.offset !== value.length) {
      throw new Error(`corrupt ${ceType} body: ${value.length - decoded.offset} trailing byte(s)`);
    }
    if (!schema.type.isValid(decoded.value)) throw new Error(`corrupt ${ceType} body: decodes to an invalid value`);
    return { type: ceType, fingerprint: fp, version, value: decoded.value };
  };
}

// ---- command line and consumer -----------------------------------------------------------------------------
function parseArgs(argv) {
  const args = {
    bootstrap: null, count: 0, timeoutMs: 30000, schemas: path.join(REPO, 'contracts', 'src', 'main', 'avro'),
    history: path.join(REPO, 'contracts', 'src', 'main', 'resources', 'avro-history'),
    group: 'subscriber-foreign-' + process.pid + '-' + Date.now(),
    sslCa: null, sslCert: null, sslKey: null,
    topics: ['seedship.seed.outcomes', 'seedship.seed.status'],
  };
  for (let i = 0; i < argv.length; i++) {
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(argv[i] + ' needs a value');
      return argv[++i];
    };
    switch (argv[i]) {
      case '--bootstrap': args.bootstrap = next(); break;
      case '--count': args.count = Number.parseInt(next(), 10); break;
      case '--timeout-ms': args.timeoutMs = Number.parseInt(next(), 10); break;
      case '--schemas': args.schemas = path.resolve(next()); break;
      case '--history': args.history = path.resolve(next()); break;
      case '--group': args.group = next(); break;
      case '--ssl-ca': args.sslCa = path.resolve(next()); break;
      case '--ssl-cert': args.sslCert = path.resolve(next()); break;
      case '--ssl-key': args.sslKey = path.resolve(next()); break;
      case '--topics': args.topics = next().split(',').filter(Boolean); break;
      case '--fingerprints': args.fingerprints = true; break;
      default: throw new Error('unknown argument ' + argv[i]);
    }
  }
  if (!args.bootstrap && !args.fingerprints) throw new Error('--bootstrap host:port is required');
  const tls = [args.sslCa, args.sslCert, args.sslKey].filter(Boolean).length;
  if (tls !== 0 && tls !== 3) throw new Error('--ssl-ca, --ssl-cert and --ssl-key go together');
  return args;
}

function json(object) {
  return JSON.stringify(object, (k, v) => (typeof v === 'bigint' ? v.toString() : Buffer.isBuffer(v) ? v.toString('hex') : v));
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const schemas = loadSchemas(args.schemas);
  const history = loadHistory(args.history, schemas);
  if (args.fingerprints) {
    const out = {};
    for (const [name, type] of schemas.types) {
      if (type.typeName === 'record') out[name] = hex64(fingerprintOf(type));
    }
    for (const [fp, older] of history) out[older.name + '/' + older.version] = fp;
    process.stdout.write(JSON.stringify(out) + '\n');
    return;
  }
  const decode = decoder(schemas, history);
  process.stderr.write(`subscriber: ${schemas.types.size} schemas, ${history.size} earlier versions; topics ${args.topics.join(', ')}\n`);

  const kafka = new Kafka({
    clientId: 'seedship-foreign-subscriber',
    brokers: args.bootstrap.split(','),
    // mutual TLS: the broker's CA, and the subscriber's certificate and key (PEM), read only here
    ssl: args.sslCa ? {
      ca: [fs.readFileSync(args.sslCa, 'utf8')],
      cert: fs.readFileSync(args.sslCert, 'utf8'),
      key: fs.readFileSync(args.sslKey, 'utf8'),
    } : undefined,
    logLevel: logLevel.WARN,
    logCreator: () => ({ level, log }) => process.stderr.write(`kafkajs ${level}: ${log.message}\n`),
  });
  const consumer = kafka.consumer({ groupId: args.group });
  let seen = 0;
  let finished;
  const done = new Promise((resolve) => { finished = resolve; });
  const timer = args.timeoutMs > 0 ? setTimeout(() => finished('timeout'), args.timeoutMs) : null;

  await consumer.connect();
  for (const topic of args.topics) await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      const headers = headerMap(message.headers);
      const line = { topic, partition, offset: message.offset, key: message.key ? message.key.toString('utf8') : null, headers };
      try {
        Object.assign(line, decode(headers, message.value));
      } catch (e) {
        line.error = e.message;
        process.stderr.write(`subscriber: ${topic}/${partition}@${message.offset} (ce_id ${headers.ce_id}): ${e.message}\n`);
      }
      process.stdout.write(json(line) + '\n');
      seen++;
      if (args.count > 0 && seen >= args.count) finished('count');
    },
  });
  const why = await done;
  if (timer) clearTimeout(timer);
  await consumer.disconnect();
  if (why === 'timeout') {
    process.stderr.write(`subscriber: timed out after ${args.timeoutMs} ms with ${seen} of ${args.count} records\n`);
    process.exitCode = 2;
  }
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write('subscriber: ' + (e && e.stack ? e.stack : e) + '\n');
    process.exit(1);
  });
}

module.exports = { crc64Avro, fingerprintOf, canonicalForm, loadSchemas, loadHistory, decoder };
