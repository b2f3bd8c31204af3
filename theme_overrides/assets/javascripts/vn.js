// Vietnamese text for search, mirroring src/vanban/text.py, numbers.py and search.py.
import { MIXED_CASE_CODES } from "./vn-codes.js";

const MARKS = /[\u0300-\u036f]/g;

// Lower case, no diacritics, đ → d: the form of a query typed without marks.
export function fold(s) {
  return s.normalize("NFD").replace(MARKS, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
}

// đ → d only, as the index was written (Pagefind folds the tone marks itself).
export function foldD(s) {
  return s.replace(/đ/g, "d").replace(/Đ/g, "D").replace(/Ð/g, "D");
}

// The indexed text with its đ put back, from the positions in meta "dd" (base-36 deltas).
export function unfold(text, marks) {
  if (!marks) return text;
  const chars = Array.from(text);
  let at = 0;
  for (const delta of marks.split(".")) {
    at += parseInt(delta, 36);
    chars[at] = chars[at] === "D" ? "Đ" : "đ";
  }
  return chars.join("");
}

// The shown text from the indexed one: the tokens without a letter or digit put back where meta
// "gaps" says they stood (vanban.search.records.indexed): each gap is the number of tokens kept
// before it (base 36, from the gap before), "G" when glued to the token before, its characters.
const GAP = /([0-9a-z]+)(G?)([^0-9a-zA-Z]+)/g;
export function ungap(text, gaps) {
  if (!gaps) return text;
  const tokens = text.split(" ");
  const out = [];
  let at = 0;
  for (const [, delta, glued, gap] of gaps.matchAll(GAP)) {
    const k = at + parseInt(delta, 36);
    out.push(...tokens.slice(at, k));
    at = k;
    if (glued) out[out.length - 1] += gap;
    else out.push(gap);
  }
  return out.concat(tokens.slice(at)).join(" ");
}

// hoà → hòa, uỷ → ủy: old and new tone placement compare equal; case ignored, marks kept.
const OLD_TONE = /(?<![qQ])([oOuU])([aAeEyY])([\u0300\u0301\u0303\u0309\u0323])(?![a-zA-Z\u00C0-\u1EF9\u0300-\u0323])/g;
export function toneKey(s) {
  return s.normalize("NFD").replace(OLD_TONE, "$1$3$2").normalize("NFC").toLowerCase();
}

// The words of a text, without surrounding punctuation.
export function words(s) {
  return s.normalize("NFC").split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""))
    .filter((w) => w !== "");
}

// Document numbers typed in a query, normalised as the archive writes them
// ("50 - CT/TW" → "50-CT/TW", "15-tb/đu" → "15-TB/ĐU"); `rest` is the query without them.
const L = "[A-Za-zĐđÐ]";
const PARTY = new RegExp(`(?<![\\p{L}\\p{N}])(\\d{1,5}[a-z]?)\\s*[-\u2010-\u2015\u2212]?\\s*(${L}+)\\s*/\\s*(${L}+(?:\\s*-\\s*${L}+)*)(?![\\p{L}\\p{N}])`, "gu");
const STATE = new RegExp(`(?<![\\p{L}\\p{N}])(\\d{1,5})(?:\\s*/\\s*((?:19|20)\\d\\d))?\\s*/\\s*(${L}+\\d*)(?:\\s*-\\s*(${L}+(?:\\s*-\\s*${L}+)*))?(?![\\p{L}\\p{N}])`, "gu");

// Codes written with lower-case letters (QĐi, CTr…), from vanban.doctypes through vn-codes.js,
// which the build writes: a code typed in capitals or in lower case is put back as written.
const MIXED = new Map(MIXED_CASE_CODES.map((c) => [c.toUpperCase(), c]));

function upper(s) {
  return s.replace(/Ð/g, "Đ").replace(/\s+/g, "").toUpperCase()
    .split(/([-/])/).map((part) => MIXED.get(part) || part).join("");
}

export function findNumbers(query) {
  const numbers = [];
  let rest = query.normalize("NFC");
  rest = rest.replace(STATE, (m, seq, year, code, body) => {
    if (!body && !/^QH\d+$/i.test(code)) return m;  // "23/7/2025" and "11/2025" are dates, not numbers
    numbers.push(seq + (year ? "/" + year : "") + "/" + upper(code) + (body ? "-" + upper(body) : ""));
    return " ";
  });
  rest = rest.replace(PARTY, (m, seq, code, body) => {
    numbers.push(`${seq}-${upper(code)}/${upper(body)}`);
    return " ";
  });
  return { numbers, rest: rest.replace(/\s+/g, " ").trim() };
}
