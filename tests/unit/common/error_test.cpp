#include "common/error.h"

#include <gtest/gtest.h>

#include "common/random.h"
#include "common/result.h"

namespace common {
namespace {

TEST(Error, RegistryGivesKintoneCodeStatusAndMessage) {
  Error e(ErrorCode::kAppNotFound, {"7"});
  EXPECT_EQ(KintoneCode(e.code()), "GAIA_AP01");
  EXPECT_EQ(HttpStatus(e.code()), 404);
  EXPECT_EQ(e.Message(Lang::kEn), "The app (ID: 7) not found. The app may have been deleted.");
  EXPECT_EQ(e.Message(Lang::kJa), "指定したアプリ（id: 7）が見つかりません。削除されている可能性があります。");
}

TEST(Error, FieldMessagesKeepKeyOrderAndGroupByKey) {
  Error e = Error::Validation();
  e.AddField("record.b.value", Text::kRequired);
  e.AddField("record.a.value", Text::kMaxLength, {"11"});
  e.AddField("record.b.value", Text::kNotANumber);
  ASSERT_EQ(e.fields().size(), 2u);
  EXPECT_EQ(e.fields()[0].key, "record.b.value");
  EXPECT_EQ(e.fields()[0].messages.size(), 2u);
  EXPECT_EQ(Render(e.fields()[1].messages[0], Lang::kJa), "11文字より短くなければなりません。");
}

TEST(Error, RequiredDiffersBetweenParameterAndRecordInEnglish) {
  EXPECT_EQ(Render(Text::kRequiredParam, Lang::kEn), "Required field.");
  EXPECT_EQ(Render(Text::kRequired, Lang::kEn), "Required.");
}

Result<int> Half(int x) {
  if (x % 2) return Error::Invalid("x", Text::kNotInteger);
  return x / 2;
}

Result<int> Quarter(int x) {
  TK_ASSIGN_OR_RETURN(int h, Half(x));
  return Half(h);
}

TEST(Result, PropagatesErrors) {
  EXPECT_EQ(*Quarter(8), 2);
  EXPECT_FALSE(Quarter(6).ok());
  EXPECT_EQ(Quarter(6).error().code(), ErrorCode::kInvalidInput);
}

TEST(Random, IdsHaveKintoneShape) {
  std::string id = RandomId();
  EXPECT_EQ(id.size(), 20u);
  for (char c : id) EXPECT_TRUE(isalnum(static_cast<unsigned char>(c)));
  EXPECT_NE(RandomId(), RandomId());
  EXPECT_EQ(RandomUuid().size(), 36u);
  EXPECT_EQ(RandomUuid()[14], '4');
}

}  // namespace
}  // namespace common
