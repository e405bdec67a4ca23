// Deterministic test values for the storage benchmarks. The same seed gives
// the same data on every run and on every machine.

import { prng } from './stats.js';

const WORDS = (
  'the of and to in is you that it he was for on are as with his they at be this have from or ' +
  'one had by word but not what all were we when your can said there use an each which she do ' +
  'how their if will up other about out many then them these so some her would make like him ' +
  'into time has look two more write go see number no way could people my than first water been ' +
  'call who oil its now find long down day did get come made may part order coffee delivery ' +
  'coupon member points shop cart price discount store city weather ticket movie seat table'
).split(' ');

const FIRST = [
  'Ada', 'Alan', 'Grace', 'Linus', 'Ken', 'Barbara', 'Edsger', 'Donald', 'Margaret', 'Dennis',
  'Frances', 'John', 'Radia', 'Tim', 'Sophie', 'Wei', 'Li', 'Ming', 'Xiao', 'Hui',
];
const LAST = [
  'Lovelace', 'Turing', 'Hopper', 'Torvalds', 'Thompson', 'Liskov', 'Dijkstra', 'Knuth',
  'Hamilton', 'Ritchie', 'Allen', 'McCarthy', 'Perlman', 'Berners-Lee', 'Wilson', 'Zhang',
  'Wang', 'Chen', 'Liu', 'Zhao',
];
// WeChat data is rarely pure ASCII: one field of CJK text per record.
const CITIES = ['北京', '上海', '广州', '深圳', '杭州', '成都', '南京', '武汉', '西安', '苏州'];

function pick(rand, list) {
  return list[Math.floor(rand() * list.length)];
}

function sentence(rand, min, max) {
  const n = min + Math.floor(rand() * (max - min + 1));
  const words = [];
  for (let i = 0; i < n; i++) words.push(pick(rand, WORDS));
  const s = words.join(' ');
  return s[0].toUpperCase() + s.slice(1) + '.';
}

function record(rand, id) {
  const first = pick(rand, FIRST);
  const last = pick(rand, LAST);
  return {
    id,
    uid: Math.floor(rand() * 0xffffffff).toString(16).padStart(8, '0'),
    name: `${first} ${last}`,
    email: `${first}.${last}${id}@example.com`.toLowerCase(),
    city: pick(rand, CITIES),
    active: rand() < 0.8,
    points: Math.floor(rand() * 100000),
    rating: Math.round(rand() * 50) / 10,
    tags: [pick(rand, WORDS), pick(rand, WORDS)],
    bio: sentence(rand, 6, 18),
  };
}

/** A small object, the kind a page keeps per user (≈200 bytes as JSON). */
export function smallValue(rev = 0) {
  return {
    id: 10086,
    nickName: 'Ada Lovelace',
    city: '上海',
    avatarUrl: 'https://example.com/avatar/10086.png',
    vip: true,
    points: 3250,
    tags: ['coffee', 'books'],
    updatedAt: 1700000000000 + rev,
    rev,
  };
}

/**
 * An array of user records whose JSON text is at least `minChars` long
 * (≈100 KB by default).
 */
export function largeValue(minChars = 100 * 1024, seed = 20240601) {
  const rand = prng(seed);
  const records = [];
  let chars = 2; // "[]"
  while (chars < minChars) {
    const r = record(rand, records.length + 1);
    chars += JSON.stringify(r).length + (records.length ? 1 : 0);
    records.push(r);
  }
  return records;
}

/**
 * `count` variants of `base` that differ in their first record only, so
 * consecutive writes to one key always change the stored text.
 */
export function largeVariants(base, count) {
  const out = [];
  for (let v = 0; v < count; v++) {
    out.push([{ ...base[0], rev: v }, ...base.slice(1)]);
  }
  return out;
}

/** The value stored under key number `i` for the storage-info benchmark. */
export function infoValue(i) {
  const rand = prng(1000 + i);
  return record(rand, i);
}
