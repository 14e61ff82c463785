// Deterministic, realistic records for a benefit-application app (給付金申請): the one data
// generator for load runs and benchmarks. generateRecord(i) depends only on i and SEED, so any
// process can produce any slice of the data set; fieldProperties is the app's form in
// fields.json format (POST /k/v1/preview/app/form/fields.json `properties`).
//
// Run directly to print records as NDJSON: node bench/gen/records.mjs [count] [first-index]

import {
  BUILDINGS, GIVEN_NAMES, MEMO_SENTENCES, PLACES, STAFF_NOTES, SURNAMES, TOWNS,
} from './names.mjs';

export const SEED = 0x7473756d; // "tsum"
// Dates are relative to this fixed day (JST), not to the clock, so the data never changes.
export const REFERENCE_DATE = '2026-04-01';

export const STATUSES = ['受付', '審査中', '承認', '支払済', '差戻し'];
export const CATEGORIES = ['新規', '変更', '再申請'];
export const ATTACHMENTS = ['本人確認書類', '口座確認書類', '所得証明書'];

const options = (names) =>
  Object.fromEntries(names.map((name, index) => [name, { label: name, index: String(index) }]));

const text = (code, extra = {}) => ({
  type: 'SINGLE_LINE_TEXT', code, label: code, noLabel: false, required: false, unique: false,
  defaultValue: '', minLength: '', maxLength: '', expression: '', hideExpression: false, ...extra,
});
const date = (code, extra = {}) => ({
  type: 'DATE', code, label: code, noLabel: false, required: false, unique: false,
  defaultValue: '', defaultNowValue: false, ...extra,
});

export const fieldProperties = {
  受付番号: text('受付番号', { required: true, unique: true, maxLength: '20' }),
  氏名: text('氏名', { required: true, maxLength: '64' }),
  氏名カナ: text('氏名カナ', { maxLength: '64' }),
  生年月日: date('生年月日'),
  郵便番号: text('郵便番号', { maxLength: '8' }),
  住所: text('住所'),
  電話番号: text('電話番号', { maxLength: '20' }),
  メール: {
    type: 'LINK', code: 'メール', label: 'メール', noLabel: false, required: false, unique: false,
    defaultValue: '', minLength: '', maxLength: '', protocol: 'MAIL',
  },
  申請日: date('申請日', { required: true }),
  申請日時: {
    type: 'DATETIME', code: '申請日時', label: '申請日時', noLabel: false, required: false,
    unique: false, defaultValue: '', defaultNowValue: true,
  },
  金額: {
    type: 'NUMBER', code: '金額', label: '金額', noLabel: false, required: false, unique: false,
    defaultValue: '', minValue: '0', maxValue: '', digit: true, displayScale: '', unit: '円',
    unitPosition: 'AFTER',
  },
  審査状況: {
    type: 'DROP_DOWN', code: '審査状況', label: '審査状況', noLabel: false, required: false,
    defaultValue: '受付', options: options(STATUSES),
  },
  区分: {
    type: 'RADIO_BUTTON', code: '区分', label: '区分', noLabel: false, required: true,
    defaultValue: '新規', options: options(CATEGORIES), align: 'HORIZONTAL',
  },
  添付有無: {
    type: 'CHECK_BOX', code: '添付有無', label: '添付有無', noLabel: false, required: false,
    defaultValue: [], options: options(ATTACHMENTS), align: 'HORIZONTAL',
  },
  備考: {
    type: 'MULTI_LINE_TEXT', code: '備考', label: '備考', noLabel: false, required: false,
    defaultValue: '',
  },
  担当者メモ: text('担当者メモ'),
};

// --- seeded PRNG (mirrored in bench/micro/japanese_names.h) ---

function fmix32(h) {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// mulberry32: a small, fast 32-bit generator; returns floats in [0, 1).
export function rngFor(index, seed = SEED) {
  let a = fmix32((index ^ seed) >>> 0);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Name lists are ordered roughly by frequency: weight 1 / (rank + 5).
const cumulative = (n) => {
  const sums = [];
  let total = 0;
  for (let k = 0; k < n; k++) sums.push((total += 1 / (k + 5)));
  return sums;
};
const SURNAME_WEIGHTS = cumulative(SURNAMES.length);
const GIVEN_WEIGHTS = cumulative(GIVEN_NAMES.length);

function pickRanked(list, sums, rng) {
  const r = rng() * sums[sums.length - 1];
  let k = 0;
  while (k < sums.length - 1 && sums[k] <= r) k++;
  return list[k];
}

const int = (rng, lo, hi) => lo + Math.floor(rng() * (hi - lo + 1));
const pick = (rng, list) => list[Math.floor(rng() * list.length)];
const chance = (rng, p) => rng() < p;
function weighted(rng, entries) { // [[value, weight], ...]
  let r = rng() * entries.reduce((s, [, w]) => s + w, 0);
  for (const [value, w] of entries) if ((r -= w) < 0) return value;
  return entries[entries.length - 1][0];
}
const digits = (rng, n) => Array.from({ length: n }, () => int(rng, 0, 9)).join('');
const pad = (n, width) => String(n).padStart(width, '0');

// --- text variants that real, hand-typed data has ---

const toFullWidthDigits = (s) => s.replace(/[0-9-]/g, (c) => (c === '-' ? '－' : String.fromCharCode(c.charCodeAt(0) + 0xfee0)));

const HALF_KANA_FROM = 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンァィゥェォッャュョー';
const HALF_KANA_TO = 'ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝｧｨｩｪｫｯｬｭｮｰ';
function toHalfWidthKana(s) {
  return [...s.normalize('NFD')].map((c) => {
    if (c === '\u3099') return 'ﾞ';
    if (c === '\u309a') return 'ﾟ';
    const k = HALF_KANA_FROM.indexOf(c);
    return k >= 0 ? HALF_KANA_TO[k] : c === '　' ? ' ' : c;
  }).join('');
}

const ROMAJI = {
  ア: 'a', イ: 'i', ウ: 'u', エ: 'e', オ: 'o', カ: 'ka', キ: 'ki', ク: 'ku', ケ: 'ke', コ: 'ko',
  サ: 'sa', シ: 'shi', ス: 'su', セ: 'se', ソ: 'so', タ: 'ta', チ: 'chi', ツ: 'tsu', テ: 'te',
  ト: 'to', ナ: 'na', ニ: 'ni', ヌ: 'nu', ネ: 'ne', ノ: 'no', ハ: 'ha', ヒ: 'hi', フ: 'fu',
  ヘ: 'he', ホ: 'ho', マ: 'ma', ミ: 'mi', ム: 'mu', メ: 'me', モ: 'mo', ヤ: 'ya', ユ: 'yu',
  ヨ: 'yo', ラ: 'ra', リ: 'ri', ル: 'ru', レ: 're', ロ: 'ro', ワ: 'wa', ヲ: 'o', ン: 'n',
  ガ: 'ga', ギ: 'gi', グ: 'gu', ゲ: 'ge', ゴ: 'go', ザ: 'za', ジ: 'ji', ズ: 'zu', ゼ: 'ze',
  ゾ: 'zo', ダ: 'da', ヂ: 'ji', ヅ: 'zu', デ: 'de', ド: 'do', バ: 'ba', ビ: 'bi', ブ: 'bu',
  ベ: 'be', ボ: 'bo', パ: 'pa', ピ: 'pi', プ: 'pu', ペ: 'pe', ポ: 'po',
};
const SMALL_Y = { ャ: 'a', ュ: 'u', ョ: 'o' };

// Hepburn-ish romanisation of a katakana reading, for e-mail addresses.
export function romanize(kana) {
  let out = '';
  let doubleNext = false;
  const chars = [...kana];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === 'ッ') { doubleNext = true; continue; }
    if (c === 'ー') continue;
    let r = ROMAJI[c] ?? '';
    const y = SMALL_Y[chars[i + 1]];
    if (y && r.endsWith('i')) {
      const stem = r.slice(0, -1);
      r = /(sh|ch|j)$/.test(stem) ? stem + y : stem + 'y' + y;
      i++;
    }
    if (doubleNext && r) r = r[0] + r;
    doubleNext = false;
    out += r;
  }
  return out;
}

// --- dates (JST calendar days as UTC midnights) ---

const DAY = 86400000;
const REFERENCE = Date.parse(`${REFERENCE_DATE}T00:00:00Z`);
const isoDate = (ms) => new Date(ms).toISOString().slice(0, 10);

function statusFor(rng, ageDays) {
  if (ageDays <= 14) return weighted(rng, [['受付', 60], ['審査中', 35], ['差戻し', 5]]);
  if (ageDays <= 60) {
    return weighted(rng, [['受付', 10], ['審査中', 50], ['承認', 25], ['差戻し', 10], ['支払済', 5]]);
  }
  return weighted(rng, [['支払済', 80], ['承認', 10], ['差戻し', 5], ['審査中', 5]]);
}

// Record i (0-based) as kintone's record JSON ({code: {value}}), for POST records.json.
export function generateRecord(i) {
  const rng = rngFor(i);
  // The first two draws are the name; japanese_names.h reproduces them.
  const [surname, surnameKana] = pickRanked(SURNAMES, SURNAME_WEIGHTS, rng);
  const [given, givenKana] = pickRanked(GIVEN_NAMES, GIVEN_WEIGHTS, rng);

  const space = weighted(rng, [[' ', 70], ['　', 25], ['', 5]]);
  const name = `${surname}${space}${given}`;
  const kanaFull = `${surnameKana}　${givenKana}`;
  const kana = chance(rng, 0.1) ? toHalfWidthKana(kanaFull) : kanaFull;

  const [prefecture, areaCode, cities] = pick(rng, PLACES);
  const [city, postalPrefix] = pick(rng, cities);
  const postal = `${postalPrefix}-${digits(rng, 4)}`;
  const town = pick(rng, TOWNS);
  const [chome, ban, go] = [int(rng, 1, 5), int(rng, 1, 30), int(rng, 1, 25)];
  let block = weighted(rng, [[`${chome}丁目${ban}番${go}号`, 50], [`${chome}-${ban}-${go}`, 50]]);
  if (chance(rng, 0.2)) block = toFullWidthDigits(block);
  let address = `${prefecture}${city}${town}${block}`;
  if (chance(rng, 0.15)) address += ` ${pick(rng, BUILDINGS)}${int(rng, 1, 5)}0${int(rng, 1, 9)}号室`;

  const phone = chance(rng, 0.65)
    ? `0${pick(rng, ['90', '80', '70'])}-${digits(rng, 4)}-${digits(rng, 4)}`
    : `${areaCode}-${digits(rng, 6 - areaCode.length)}-${digits(rng, 4)}`;
  const mail = `${romanize(surnameKana)}.${romanize(givenKana)}${chance(rng, 0.6) ? int(rng, 1, 999) : ''}@${pick(rng, ['example.jp', 'example.co.jp', 'example.ne.jp', 'example.com', 'example.org'])}`;

  const ageDays = Math.floor(730 * rng() ** 2); // busier lately: a quarter within 45 days
  const applied = REFERENCE - ageDays * DAY;
  const minuteOfDay = int(rng, 8 * 60 + 30, 17 * 60 + 15); // office hours, JST
  const appliedAt = new Date(applied + (minuteOfDay - 9 * 60) * 60000).toISOString().slice(0, 17) + '00Z';
  const birth = REFERENCE - int(rng, 18 * 365, 95 * 365) * DAY;

  const amount = weighted(rng, [[10000, 10], [20000, 10], [30000, 15], [50000, 25], [70000, 10],
    [100000, 15], [150000, 8], [200000, 5], [300000, 2]]);
  const status = statusFor(rng, ageDays);
  const category = weighted(rng, [['新規', 80], ['変更', 15], ['再申請', 5]]);
  const attachments = ATTACHMENTS.filter((_, k) => chance(rng, k === 0 ? 0.9 : 0.5));
  const memo = chance(rng, 0.3) ? ''
    : Array.from({ length: int(rng, 1, 3) }, () => pick(rng, MEMO_SENTENCES)).join('\n');
  const staffNote = chance(rng, 0.5) ? ''
    : `担当:${pick(rng, SURNAMES)[0]} ${pick(rng, STAFF_NOTES)}`;

  return {
    受付番号: { value: `R${isoDate(applied).slice(0, 4)}-${pad(i + 1, 7)}` },
    氏名: { value: name },
    氏名カナ: { value: kana },
    生年月日: { value: isoDate(birth) },
    郵便番号: { value: postal },
    住所: { value: address },
    電話番号: { value: phone },
    メール: { value: mail },
    申請日: { value: isoDate(applied) },
    申請日時: { value: appliedAt },
    金額: { value: String(amount) },
    審査状況: { value: status },
    区分: { value: category },
    添付有無: { value: attachments },
    備考: { value: memo },
    担当者メモ: { value: staffNote },
  };
}

// Records [first, first + count) as an array, for bulk POSTs of up to 100.
export function generateRecords(first, count) {
  return Array.from({ length: count }, (_, k) => generateRecord(first + k));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(process.argv[2] ?? 5);
  const first = Number(process.argv[3] ?? 0);
  for (let i = first; i < first + count; i++) {
    process.stdout.write(`${JSON.stringify(generateRecord(i))}\n`);
  }
}
