#include "common/json_text.h"

#include <array>
#include <boost/json/serialize.hpp>
#include <charconv>

namespace common {
namespace {

// 0: as it is; 'u': \u00xx; any other: '\\' then that character.
constexpr std::array<char, 256> kEscapes = [] {
  std::array<char, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = 'u';
  t['\b'] = 'b';
  t['\t'] = 't';
  t['\n'] = 'n';
  t['\f'] = 'f';
  t['\r'] = 'r';
  t['"'] = '"';
  t['\\'] = '\\';
  return t;
}();

template <typename Int>
void AppendInteger(std::string& out, Int n) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n);
  out.append(buf, end);
}

}  // namespace

void AppendJsonString(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.reserve(out.size() + s.size() + 2);
  out += '"';
  size_t run = 0;  // start of the bytes not yet copied
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const char e = kEscapes[c];
    if (e == 0) continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    out += '\\';
    if (e != 'u') {
      out += e;
    } else {
      const char u[] = {'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
      out.append(u, sizeof u);
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

void AppendJson(std::string& out, const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::null:
      out += "null";
      return;
    case boost::json::kind::bool_:
      out += v.get_bool() ? "true" : "false";
      return;
    case boost::json::kind::int64:
      AppendInteger(out, v.get_int64());
      return;
    case boost::json::kind::uint64:
      AppendInteger(out, v.get_uint64());
      return;
    case boost::json::kind::double_:
      out += boost::json::serialize(v);  // Boost.JSON's own number format
      return;
    case boost::json::kind::string:
      AppendJsonString(out, v.get_string());
      return;
    case boost::json::kind::array: {
      out += '[';
      bool first = true;
      for (const boost::json::value& e : v.get_array()) {
        if (!first) out += ',';
        first = false;
        AppendJson(out, e);
      }
      out += ']';
      return;
    }
    case boost::json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& kv : v.get_object()) {
        if (!first) out += ',';
        first = false;
        AppendJsonString(out, kv.key());
        out += ':';
        AppendJson(out, kv.value());
      }
      out += '}';
      return;
    }
  }
}

}  // namespace common
