#include "common/normalize.h"

#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <utility>

namespace common {
namespace {

// Longer inputs are cut (ICU indexes with int32_t); no text field comes near this.
constexpr size_t kMaxInputBytes = size_t{1} << 30;

bool IsAsciiSpace(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

bool IsCombiningVoicedMark(UChar32 c) { return c == 0x3099 || c == 0x309A; }

// Step 3 and 4 of NormalizeForSearch for one code point of NFKC_Casefold output; `next` is the
// code point after it (or -1). Writes one or two code points to `out`, returns how many.
int Fold(UChar32 c, UChar32 next, UChar32 out[2]) {
  if (c >= 0x30A1 && c <= 0x30FE) {  // katakana block, letters and iteration marks
    if (c <= 0x30F6) {
      // ヵ ヶ read as か け unless a combining mark follows (げ must not appear from ヶ゙).
      if (c == 0x30F5 && !IsCombiningVoicedMark(next)) c = 0x30AB;
      if (c == 0x30F6 && !IsCombiningVoicedMark(next)) c = 0x30B1;
      out[0] = c - 0x60;
      return 1;
    }
    if (c <= 0x30FA) {  // ヷ ヸ ヹ ヺ have no hiragana form: わ ゐ ゑ を + combining dakuten
      out[0] = c - 0x30F7 + 0x308F;
      out[1] = 0x3099;
      return 2;
    }
    if (c == 0x30FD || c == 0x30FE) {  // ヽ ヾ -> ゝ ゞ
      out[0] = c - 0x60;
      return 1;
    }
    out[0] = c;  // ・ ー ヿ(never after NFKC)
    return 1;
  }
  if (c == 0x3095 && !IsCombiningVoicedMark(next)) c = 0x304B;  // ゕ -> か
  if (c == 0x3096 && !IsCombiningVoicedMark(next)) c = 0x3051;  // ゖ -> け
  if ((c >= 0x2010 && c <= 0x2015) || c == 0x2212) c = '-';
  if (c == 0x301C) c = '~';
  out[0] = c;
  return 1;
}

// Collapses white-space runs to one ' ' (spanning the run) and trims both ends.
template <typename Emit>
class SpaceCollapser {
 public:
  explicit SpaceCollapser(Emit& emit) : emit_(emit) {}
  void Put(UChar32 c, uint32_t begin, uint32_t end, bool space) {
    if (space) {
      if (!pending_) space_begin_ = begin;
      pending_ = true;
      space_end_ = end;
      return;
    }
    if (pending_ && any_) emit_(U' ', space_begin_, space_end_);
    pending_ = false;
    any_ = true;
    emit_(static_cast<char32_t>(c), begin, end);
  }

 private:
  Emit& emit_;
  bool any_ = false;
  bool pending_ = false;
  uint32_t space_begin_ = 0;
  uint32_t space_end_ = 0;
};

// Maps byte spans of normalizer output back to its input through ICU's Edits, for spans
// requested left to right.
class EditMapper {
 public:
  explicit EditMapper(const icu::Edits& edits) : it_(edits.getFineIterator()) {
    valid_ = it_.next(status_) != 0;
  }
  std::pair<int32_t, int32_t> Map(int32_t begin, int32_t end) {
    Seek(begin);
    if (!valid_) return {last_, last_};
    int32_t b =
        it_.hasChange() ? it_.sourceIndex() : it_.sourceIndex() + (begin - it_.destinationIndex());
    Seek(end - 1);
    if (!valid_) return {b, std::max(b, last_)};
    int32_t e = it_.hasChange() ? it_.sourceIndex() + it_.oldLength()
                                : it_.sourceIndex() + (end - it_.destinationIndex());
    last_ = e;
    return {b, e};
  }

 private:
  void Seek(int32_t dest) {
    while (valid_ && it_.destinationIndex() + it_.newLength() <= dest) {
      last_ = it_.sourceIndex() + it_.oldLength();
      valid_ = it_.next(status_) != 0 && U_SUCCESS(status_);
    }
  }
  icu::Edits::Iterator it_;
  UErrorCode status_ = U_ZERO_ERROR;
  bool valid_ = false;
  int32_t last_ = 0;
};

// The whole pipeline; calls emit(char32_t, begin, end) per output code point. Spans are only
// computed when kMapped (otherwise they are 0).
template <bool kMapped, typename Emit>
void Normalize(std::string_view in, Emit&& emit) {
  if (in.size() > kMaxInputBytes) in = in.substr(0, kMaxInputBytes);
  SpaceCollapser<Emit> out(emit);

  if (std::all_of(in.begin(), in.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    for (size_t i = 0; i < in.size(); ++i) {
      auto c = static_cast<unsigned char>(in[i]);
      if (c == 0) continue;
      if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
      out.Put(c, static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1), IsAsciiSpace(c));
    }
    return;
  }

  // Step 1: drop ill-formed bytes, turn ゛ ゜ into combining marks (same length in UTF-8).
  const auto* bytes = reinterpret_cast<const uint8_t*>(in.data());
  const auto length = static_cast<int32_t>(in.size());
  bool rewrite = false;
  for (int32_t i = 0; i < length && !rewrite;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    rewrite = c < 0 || c == 0x309B || c == 0x309C;
  }
  std::string clean;
  std::vector<uint32_t> origin;  // clean byte -> input byte, only when bytes were dropped
  if (rewrite) {
    clean.reserve(in.size());
    bool dropped = false;
    for (int32_t i = 0; i < length;) {
      int32_t start = i;
      UChar32 c;
      U8_NEXT(bytes, i, length, c);
      if (c < 0) {
        dropped = true;
        continue;
      }
      if (c == 0x309B || c == 0x309C) c -= 2;
      char buf[U8_MAX_LENGTH];
      int32_t n = 0;
      U8_APPEND_UNSAFE(buf, n, c);
      clean.append(buf, static_cast<size_t>(n));
      if constexpr (kMapped) {
        for (int32_t k = 0; k < n; ++k) origin.push_back(static_cast<uint32_t>(start + k));
      }
    }
    if (!dropped) origin.clear();
  }
  std::string_view source = rewrite ? std::string_view(clean) : in;

  // Step 2: NFKC_Casefold.
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  std::string normalized;
  icu::Edits edits;
  if (U_SUCCESS(status)) {
    icu::StringByteSink<std::string> sink(&normalized, static_cast<int32_t>(source.size()));
    nfkc_cf->normalizeUTF8(0, icu::StringPiece(source.data(), static_cast<int32_t>(source.size())),
                           sink, kMapped ? &edits : nullptr, status);
  }
  if (U_FAILURE(status)) {  // out of memory: search unnormalised rather than not at all
    normalized.assign(source);
    edits.reset();
    edits.addUnchanged(static_cast<int32_t>(source.size()));
  }

  // Steps 3-5, with spans mapped back through the Edits and the dropped bytes.
  EditMapper mapper(edits);
  const auto* n_bytes = reinterpret_cast<const uint8_t*>(normalized.data());
  const auto n_length = static_cast<int32_t>(normalized.size());
  int32_t pos = 0;
  UChar32 c = -1;
  if (pos < n_length) U8_NEXT(n_bytes, pos, n_length, c);
  for (int32_t begin = 0; begin < n_length;) {
    int32_t end = pos;
    UChar32 next = -1;
    if (pos < n_length) U8_NEXT(n_bytes, pos, n_length, next);
    if (c > 0) {  // NUL is dropped: FTS5 query strings cannot hold it
      uint32_t b = 0;
      uint32_t e = 0;
      if constexpr (kMapped) {
        auto [sb, se] = mapper.Map(begin, end);
        if (origin.empty()) {
          b = static_cast<uint32_t>(sb);
          e = static_cast<uint32_t>(se);
        } else {
          b = sb < static_cast<int32_t>(origin.size()) ? origin[sb]
                                                       : static_cast<uint32_t>(in.size());
          e = se > 0 ? origin[std::min<size_t>(se, origin.size()) - 1] + 1 : b;
        }
        e = std::max(b, e);
      }
      UChar32 folded[2];
      int count = Fold(c, next, folded);
      for (int k = 0; k < count; ++k) {
        out.Put(folded[k], b, e, u_isUWhiteSpace(folded[k]) != 0);
      }
    }
    begin = end;
    c = next;
  }
}

}  // namespace

std::string NormalizeForSearch(std::string_view utf8) {
  std::string result;
  result.reserve(utf8.size());
  auto append = [&result](char32_t c, uint32_t, uint32_t) {
    char buf[U8_MAX_LENGTH];
    int32_t n = 0;
    U8_APPEND_UNSAFE(buf, n, static_cast<UChar32>(c));
    result.append(buf, static_cast<size_t>(n));
  };
  Normalize<false>(utf8, append);
  return result;
}

std::vector<SearchChar> NormalizeForSearchMapped(std::string_view utf8) {
  std::vector<SearchChar> result;
  result.reserve(utf8.size() / 2 + 1);
  auto append = [&result](char32_t c, uint32_t begin, uint32_t end) {
    result.push_back({c, begin, end});
  };
  Normalize<true>(utf8, append);
  return result;
}

bool IsBlank(std::string_view utf8) {
  for (size_t i = 0; i < utf8.size(); ++i) {
    char c = utf8[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    if (utf8.substr(i, 3) == "\xE3\x80\x80") {  // U+3000
      i += 2;
      continue;
    }
    return false;
  }
  return true;
}

std::string NormalizeNfkc(std::string_view in) {
  // Drop ill-formed bytes first: ICU would turn them into U+FFFD, which then compares equal.
  std::string clean;
  clean.reserve(in.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(in.data());
  const auto length = static_cast<int32_t>(in.size());
  for (int32_t pos = 0; pos < length;) {
    int32_t start = pos;
    UChar32 c;
    U8_NEXT(bytes, pos, length, c);
    if (c > 0) clean.append(in.substr(static_cast<size_t>(start), static_cast<size_t>(pos - start)));
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  std::string out;
  if (U_SUCCESS(status)) {
    icu::StringByteSink<std::string> sink(&out, static_cast<int32_t>(clean.size()));
    nfkc->normalizeUTF8(0, icu::StringPiece(clean.data(), static_cast<int32_t>(clean.size())), sink,
                        nullptr, status);
  }
  if (U_FAILURE(status)) out = clean;
  // NFKC has already turned U+3000 into a plain space.
  size_t b = out.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = out.find_last_not_of(" \t\r\n");
  return out.substr(b, e - b + 1);
}

}  // namespace common
