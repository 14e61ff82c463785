#include "domain/mail/mail_template.h"

#include <gtest/gtest.h>

#include <map>

namespace domain {
namespace {

std::optional<std::string> Lookup(const std::map<std::string, std::string, std::less<>>& values,
                                  std::string_view name) {
  auto it = values.find(name);
  if (it == values.end()) return std::nullopt;
  return it->second;
}

TEST(MailTemplate, ListsPlaceholdersOnceInOrder) {
  EXPECT_EQ(TemplatePlaceholders("{{氏名}} 様 受付番号 {{ receipt }} / {{氏名}}"),
            (std::vector<std::string>{"氏名", "receipt"}));
  EXPECT_TRUE(TemplatePlaceholders("no placeholders { here }").empty());
  EXPECT_TRUE(TemplatePlaceholders("{{ unclosed\n}}").empty()) << "a placeholder is one line";
}

TEST(MailTemplate, RendersValuesAsPlainText) {
  std::map<std::string, std::string, std::less<>> values = {{"receipt", "AP-2026-000001"},
                                                            {"氏名", "山田 {{receipt}} 太郎"}};
  std::string out = RenderTemplate("{{氏名}} 様\n受付番号: {{receipt}}\n{{unknown}}",
                                   [&](std::string_view n) { return Lookup(values, n); });
  // A value that looks like a placeholder stays literal; an unknown name stays as written.
  EXPECT_EQ(out, "山田 {{receipt}} 太郎 様\n受付番号: AP-2026-000001\n{{unknown}}");
}

TEST(MailTemplate, KeepsLoneBraces) {
  EXPECT_EQ(RenderTemplate("{{ a } }} {x}", [](std::string_view) { return std::string("V"); }),
            "V {x}");
  EXPECT_EQ(RenderTemplate("price {{", [](std::string_view) { return std::string("V"); }),
            "price {{");
}

}  // namespace
}  // namespace domain
