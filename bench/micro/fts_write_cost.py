#!/usr/bin/env python3
"""What the FTS5 indexes cost a 100-record POST, by layout (docs/benchmarks.md, "Write path").

Loads the 9 text fields of N generated records (bench/gen/records.mjs) into a table like r1 with
external-content FTS5 tables kept by AFTER INSERT triggers, as Tsumiki does, through Debian's
SQLite (Python's sqlite3 module), one transaction per batch, and prints the process CPU time per
100 records. The server's `tsumiki` tokenizer cannot be loaded here, so layouts are compared with
FTS5's trigram tokenizer, and token schemes with ASCII-coded n-grams under unicode61:
relative figures, not the server's.

  python3 bench/micro/fts_write_cost.py [--records 30000] [--repeat 2]

Variants:
  none             the table without any FTS index (the floor)
  per_field        one FTS5 table per text field (today's layout)
  per_field_am8    the same with automerge=8 (FTS5's default is 4)
  one_table        one 9-column FTS5 table per app (a `like` becomes `f2 : "..."`)
  one_table_am8    the same with automerge=8
  per_field_1000   today's layout, 1,000-row statements (one FTS5 flush per 1,000 records)
  tokens_uni_bi    today's token scheme (a unigram and a bigram per character), per field
  tokens_bi_only   bigrams only plus the last character (about half the tokens)
"""
import argparse
import json
import os
import sqlite3
import subprocess
import tempfile
import time
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
CODES = ['受付番号', '氏名', '氏名カナ', '郵便番号', '住所', '電話番号', 'メール', '備考', '担当者メモ']
COLS = [f'f{k}' for k in range(1, 10)]
VARIANTS = ['none', 'per_field', 'per_field_am8', 'one_table', 'one_table_am8', 'per_field_1000',
            'tokens_uni_bi', 'tokens_bi_only']


def generate(n):
    script = (
        f"import('{HERE}/../gen/records.mjs').then(m => {{"
        f"  const codes = {json.dumps(CODES)}; const out = [];"
        f"  for (let i = 0; i < {n}; i++) {{ const r = m.generateRecord(i);"
        f"    out.push(codes.map(c => r[c]?.value ?? '')); }}"
        f"  process.stdout.write(JSON.stringify(out)); }})")
    return json.loads(subprocess.run(['node', '-e', script], capture_output=True, check=True).stdout)


def ngram_text(value, bigrams_only):
    """A value as space-separated ASCII tokens: the tokens the `tsumiki` tokenizer would emit."""
    chars = [c for c in unicodedata.normalize('NFKC', value).lower() if not c.isspace()]
    out = []
    for i, c in enumerate(chars):
        if i + 1 < len(chars):
            out.append(f'b{ord(c):x}x{ord(chars[i + 1]):x}')
        if not bigrams_only or i + 1 == len(chars):
            out.append(f'u{ord(c):x}')
    return ' '.join(out)


def run(variant, texts, directory):
    path = os.path.join(directory, f'{variant}.db')
    db = sqlite3.connect(path, isolation_level=None)
    db.execute('PRAGMA journal_mode=WAL')
    db.execute('PRAGMA synchronous=NORMAL')
    db.execute('CREATE TABLE r1 (id INTEGER PRIMARY KEY, ' +
               ', '.join(c + " TEXT NOT NULL DEFAULT ''" for c in COLS) + ')')
    tokenize = 'unicode61' if variant.startswith('tokens_') else 'trigram'
    opts = f"content='r1', content_rowid='id', tokenize='{tokenize}', detail=full, columnsize=0"
    if variant.startswith('per_field') or variant.startswith('tokens_'):
        for c in COLS:
            t = f'r1_{c}_fts'
            db.execute(f'CREATE VIRTUAL TABLE {t} USING fts5({c}, {opts})')
            if variant.endswith('_am8'):
                db.execute(f"INSERT INTO {t}({t}, rank) VALUES ('automerge', 8)")
            db.execute(f'CREATE TRIGGER {t}_ai AFTER INSERT ON r1 BEGIN '
                       f'INSERT INTO {t}(rowid, {c}) VALUES (new.id, new.{c}); END')
    elif variant.startswith('one_table'):
        db.execute(f"CREATE VIRTUAL TABLE r1_fts USING fts5({', '.join(COLS)}, {opts})")
        if variant.endswith('_am8'):
            db.execute("INSERT INTO r1_fts(r1_fts, rank) VALUES ('automerge', 8)")
        db.execute(f"CREATE TRIGGER r1_fts_ai AFTER INSERT ON r1 BEGIN INSERT INTO "
                   f"r1_fts(rowid, {', '.join(COLS)}) VALUES "
                   f"(new.id, {', '.join('new.' + c for c in COLS)}); END")
    if variant.startswith('tokens_'):
        texts = [[ngram_text(v, variant == 'tokens_bi_only') for v in r] for r in texts]
    per_statement = 1000 if variant == 'per_field_1000' else 100
    sql = ('INSERT INTO r1 (' + ', '.join(COLS) + ') VALUES ' +
           ','.join(['(' + ','.join('?' * 9) + ')'] * per_statement))
    start = time.process_time()
    for i in range(0, len(texts), per_statement):
        db.execute('BEGIN IMMEDIATE')
        db.execute(sql, [v for row in texts[i:i + per_statement] for v in row])
        db.execute('COMMIT')
    cpu = time.process_time() - start
    db.close()
    return cpu * 1000 / (len(texts) / 100)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--records', type=int, default=30000, help='a multiple of 1000')
    parser.add_argument('--repeat', type=int, default=2)
    parser.add_argument('--variants', default=','.join(VARIANTS))
    args = parser.parse_args()
    texts = generate(args.records)
    print(f'SQLite {sqlite3.sqlite_version}, {args.records} records, CPU ms per 100 records '
          f'(median of {args.repeat})')
    for variant in args.variants.split(','):
        runs = []
        for _ in range(args.repeat):
            with tempfile.TemporaryDirectory() as directory:
                runs.append(run(variant, texts, directory))
        runs.sort()
        print(f'{variant:16} {runs[len(runs) // 2]:6.2f}   runs: ' +
              ' '.join(f'{r:.2f}' for r in runs))


if __name__ == '__main__':
    main()
