// What every public page shares: its texts and its look (colours, text size, logo), parsed
// and validated from the page settings. Colours must keep WCAG 2.1 AA contrast (4.5:1), so a
// page cannot be published unreadable. Pure; value types.
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "common/error.h"

namespace domain {

struct PageLook {
  std::string title;
  std::string description;
  std::string primary_color = "#1d4f91";  // buttons, headings
  std::string background_color = "#ffffff";
  std::string text_color = "#1a1a1a";
  double font_scale = 1.0;  // 1.0 .. 2.0 times the base size
  std::string logo;         // "" or a data: URL of a PNG, JPEG or WebP image

  // Reads the look from `settings`; violations are added to `errors` by property name.
  static PageLook FromJson(const boost::json::object& settings, common::Error& errors);
  // The look as the public page receives it.
  boost::json::object ToJson() const;
};

// The WCAG 2.1 contrast ratio of two "#rrggbb" colours (1 .. 21).
double ContrastRatio(const std::string& a, const std::string& b);
// "#rrggbb" exactly.
bool IsHexColor(const std::string& s);

// A friendly-label map: value -> "label" or {"ja": "…", "en": "…"} (status values, column
// names). False for any other shape.
bool IsLabelMap(const boost::json::value& v);
// The label of `value` in `lang` ("ja"/"en") from such a map; `value` itself when unlabelled.
std::string LabelOf(const boost::json::object& labels, const std::string& value,
                    std::string_view lang);

}  // namespace domain
