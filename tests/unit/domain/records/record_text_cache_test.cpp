// The RecordText kept per app (RecordTextCache): reused for the same live form, app code and
// `fields`; built again for anything else, and writing what a fresh RecordText writes.
#include "domain/records/record_text_cache.h"

#include <gtest/gtest.h>

#include "../fields/field_test_support.h"

namespace domain {
namespace {

using testing::FormFixture;

class RecordTextCacheTest : public ::testing::Test {
 protected:
  std::shared_ptr<const LiveForm> Live(int64_t app) {
    auto live = std::make_shared<LiveForm>();
    live->app = app;
    live->form = fx.form;
    live->codec = std::make_unique<RecordCodec>(fx.registry, live->form);
    return live;
  }
  RecordRow Row() {
    RecordRow r;
    r.id = 7;
    r.revision = 3;
    r.values = {int64_t{7}};
    r.first_column = r.values.size();
    r.values.push_back(std::string("ok"));
    return r;
  }

  FormFixture fx{R"({"text": {"type":"SINGLE_LINE_TEXT","label":"x"}})"};
  RecordTextCache cache{fx.directory};
};

TEST_F(RecordTextCacheTest, ReusesTheTextForTheSameFormCodeAndFields) {
  auto live = Live(1);
  auto a = cache.Get(live, "APP", std::nullopt);
  EXPECT_EQ(cache.Get(live, "APP", std::nullopt), a);
  std::vector<std::string> picked = {"text", "$id"};
  auto b = cache.Get(live, "APP", picked);
  EXPECT_NE(b, a);
  EXPECT_EQ(cache.Get(live, "APP", picked), b);
}

TEST_F(RecordTextCacheTest, BuildsAgainForANewFormOrAppCode) {
  auto live = Live(1);
  auto a = cache.Get(live, "APP", std::nullopt);
  EXPECT_NE(cache.Get(Live(1), "APP", std::nullopt), a);  // redeployed: another object
  auto renamed = cache.Get(live, "NEW", std::nullopt);
  EXPECT_NE(renamed, a);
  std::string out;
  renamed->Write(Row(), nullptr, out);
  EXPECT_NE(out.find(R"("value":"NEW-7")"), std::string::npos) << out;
}

TEST_F(RecordTextCacheTest, WritesWhatAFreshTextWrites) {
  auto live = Live(2);
  std::vector<std::string> picked = {"$revision", "text"};
  for (int i = 0; i < 2; ++i) {
    for (const auto& fields : {std::optional<std::vector<std::string>>(), std::optional(picked)}) {
      RecordText fresh(live->form, *live->codec, live->features, "", fx.directory, fields);
      std::string expected;
      std::string out;
      fresh.Write(Row(), nullptr, expected);
      cache.Get(live, "", fields)->Write(Row(), nullptr, out);
      EXPECT_EQ(out, expected);
    }
  }
}

TEST_F(RecordTextCacheTest, KeepsTheFormAliveWhileTheTextIsUsed) {
  auto text = cache.Get(Live(3), "", std::nullopt);
  cache.Get(Live(3), "", std::nullopt);  // replaces the entry; the first form has no other owner
  std::string out;
  text->Write(Row(), nullptr, out);
  EXPECT_NE(out.find(R"("text":{"type":"SINGLE_LINE_TEXT","value":"ok"})"), std::string::npos)
      << out;
}

}  // namespace
}  // namespace domain
