// A small kintone query parser/evaluator for the fake server: and/or/parentheses,
// = != < > <= >= in/not in like/not like is (not) empty, order by, limit, offset.
function tokenize(text) {
  const tokens = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/[\s\u3000]/.test(c)) { i++; continue; }
    if (c === '"') {
      let s = "";
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === "\\") { const n = text[i + 1]; s += n === "n" ? "\n" : n === "t" ? "\t" : n; i += 2; }
        else s += text[i++];
      }
      if (text[i] !== '"') throw new Error("unterminated string");
      i++;
      tokens.push({ kind: "str", value: s });
      continue;
    }
    if ("(),".includes(c)) { tokens.push({ kind: c }); i++; continue; }
    const op = /^(!=|>=|<=|=|>|<)/.exec(text.slice(i));
    if (op) { tokens.push({ kind: "op", value: op[1] }); i += op[1].length; continue; }
    const word = /^[^\s\u3000(),"=!<>]+/.exec(text.slice(i));
    if (!word) throw new Error(`bad char ${c}`);
    tokens.push({ kind: "word", value: word[0] });
    i += word[0].length;
  }
  return tokens;
}

export function parseQuery(text) {
  const t = tokenize(text);
  let p = 0;
  const peekWord = (w) => t[p]?.kind === "word" && t[p].value.toLowerCase() === w;
  const expect = (kind) => { if (t[p]?.kind !== kind) throw new Error(`expected ${kind}`); return t[p++]; };
  const value = () => {
    const tok = t[p++];
    if (!tok) throw new Error("value");
    if (tok.kind === "str" || tok.kind === "word") return tok.value;
    throw new Error("value");
  };
  function primary() {
    if (t[p]?.kind === "(") { p++; const c = or(); expect(")"); return c; }
    const field = expect("word").value;
    if (t[p]?.kind === "op") { const op = t[p++].value; return { field, op, value: value() }; }
    let not = false;
    if (peekWord("not")) { not = true; p++; }
    if (peekWord("in")) {
      p++; expect("(");
      const values = [value()];
      while (t[p]?.kind === ",") { p++; values.push(value()); }
      expect(")");
      return { field, op: not ? "not in" : "in", values };
    }
    if (peekWord("like")) { p++; return { field, op: not ? "not like" : "like", value: value() }; }
    if (peekWord("is")) {
      p++;
      let n = false;
      if (peekWord("not")) { n = true; p++; }
      if (!peekWord("empty")) throw new Error("empty");
      p++;
      return { field, op: n ? "is not empty" : "is empty" };
    }
    throw new Error("operator");
  }
  function and() { let l = primary(); while (peekWord("and")) { p++; l = { and: [l, primary()] }; } return l; }
  function or() { let l = and(); while (peekWord("or")) { p++; l = { or: [l, and()] }; } return l; }
  const result = { condition: null, orderBy: [], limit: undefined, offset: undefined };
  if (p < t.length && !peekWord("order") && !peekWord("limit") && !peekWord("offset")) result.condition = or();
  if (peekWord("order")) {
    p++;
    if (!peekWord("by")) throw new Error("by");
    p++;
    do {
      if (t[p]?.kind === ",") p++;
      const field = expect("word").value;
      let direction = "asc";
      if (peekWord("asc") || peekWord("desc")) direction = t[p++].value.toLowerCase();
      result.orderBy.push({ field, direction });
    } while (t[p]?.kind === ",");
  }
  if (peekWord("limit")) { p++; result.limit = Number(expect("word").value); }
  if (peekWord("offset")) { p++; result.offset = Number(expect("word").value); }
  if (p !== t.length) throw new Error("trailing");
  return result;
}

function valuesOf(record, field) {
  if (record[field]) return [record[field].value];
  const out = [];
  for (const f of Object.values(record)) {
    if (f.type === "SUBTABLE") for (const row of f.value) if (row.value[field]) out.push(row.value[field].value);
  }
  return out;
}

function text(v) {
  if (v === null || v === undefined) return "";
  if (Array.isArray(v)) return v.map((x) => (typeof x === "object" ? x.name ?? x.code ?? "" : x)).join(" ");
  if (typeof v === "object") return v.code ?? "";
  return String(v);
}

function test(cond, v) {
  const num = (x) => (x !== "" && !Number.isNaN(Number(x)) ? Number(x) : x);
  switch (cond.op) {
    case "=": return text(v) === cond.value;
    case "!=": return text(v) !== cond.value;
    case ">": return num(text(v)) > num(cond.value);
    case "<": return num(text(v)) < num(cond.value);
    case ">=": return num(text(v)) >= num(cond.value);
    case "<=": return num(text(v)) <= num(cond.value);
    case "in": return Array.isArray(v) ? v.some((x) => cond.values.includes(text(x))) || (v.length === 0 && cond.values.includes("")) : cond.values.includes(text(v));
    case "not in": return !test({ ...cond, op: "in" }, v);
    case "like": return text(v).toLowerCase().includes(cond.value.toLowerCase());
    case "not like": return !text(v).toLowerCase().includes(cond.value.toLowerCase());
    case "is empty": return text(v).trim() === "";
    case "is not empty": return text(v).trim() !== "";
  }
  return false;
}

export function evaluate(cond, record) {
  if (!cond) return true;
  if (cond.and) return cond.and.every((c) => evaluate(c, record));
  if (cond.or) return cond.or.some((c) => evaluate(c, record));
  const field = cond.field === "$id" ? "$id" : cond.field;
  return valuesOf(record, field).some((v) => test(cond, v));
}

export function compareBy(orderBy, properties) {
  const keys = orderBy.length ? orderBy : [{ field: "$id", direction: "desc" }];
  return (a, b) => {
    for (const { field, direction } of keys) {
      const type = field === "$id" ? "__ID__" : properties[field]?.type;
      let x = text(a[field]?.value);
      let y = text(b[field]?.value);
      let c;
      if (["NUMBER", "__ID__", "RECORD_NUMBER", "CALC"].includes(type)) c = (x === "" ? -Infinity : Number(x)) - (y === "" ? -Infinity : Number(y));
      else if (type === "DROP_DOWN" || type === "RADIO_BUTTON") {
        const opts = properties[field].options ?? {};
        c = (x === "" ? -1 : Number(opts[x]?.index ?? -1)) - (y === "" ? -1 : Number(opts[y]?.index ?? -1));
      } else c = x < y ? -1 : x > y ? 1 : 0;
      if (Number.isNaN(c)) c = 0;
      if (c !== 0) return direction === "desc" ? -c : c;
    }
    return Number(b.$id.value) - Number(a.$id.value);
  };
}
