// WhatIfControl: slider and spin box stay in sync, user changes are debounced into one signal
// with the last value, programmatic changes emit nothing, counts are shown.

#include <gtest/gtest.h>
#include <QDoubleSpinBox>
#include <QSignalSpy>
#include <QSlider>
#include <QtTest/QTest>

#include "childtune/widgets/what_if_control.h"
#include "widget_fixtures.h"

namespace childtune::widgets {
namespace {

TEST(WhatIfControlTest, DraggingEmitsOnceWithTheLastValue) {
  WhatIfControl control;
  auto* slider = control.findChild<QSlider*>(QStringLiteral("pDSlider"));
  auto* spin = control.findChild<QDoubleSpinBox*>(QStringLiteral("pDSpinBox"));
  ASSERT_NE(slider, nullptr);
  ASSERT_NE(spin, nullptr);
  EXPECT_FALSE(slider->accessibleName().isEmpty());
  EXPECT_FALSE(spin->accessibleName().isEmpty());
  QSignalSpy changes(&control, &WhatIfControl::pDChanged);
  for (int value = 300; value >= 100; value -= 10) {
    slider->setValue(value);  // as a drag does, faster than the debounce
  }
  EXPECT_EQ(changes.count(), 0);
  EXPECT_DOUBLE_EQ(spin->value(), 0.1);
  ASSERT_TRUE(changes.wait(WhatIfControl::kDebounceMs * 10));
  QTest::qWait(WhatIfControl::kDebounceMs * 3);
  ASSERT_EQ(changes.count(), 1);
  EXPECT_DOUBLE_EQ(changes.front().at(0).toDouble(), 0.1);
  EXPECT_DOUBLE_EQ(control.pD(), 0.1);
  // The spin box drives the slider.
  spin->setValue(0.456);
  EXPECT_EQ(slider->value(), 456);
  ASSERT_TRUE(changes.wait(WhatIfControl::kDebounceMs * 10));
  EXPECT_DOUBLE_EQ(changes.back().at(0).toDouble(), 0.456);
}

TEST(WhatIfControlTest, SetPDDoesNotEmitAndIsClamped) {
  WhatIfControl control;
  QSignalSpy changes(&control, &WhatIfControl::pDChanged);
  control.setPD(0.25);
  control.setPD(7.0);
  EXPECT_DOUBLE_EQ(control.pD(), 1.0);
  control.setPD(0.0);
  EXPECT_DOUBLE_EQ(control.pD(), WhatIfControl::kMinPD);
  QTest::qWait(WhatIfControl::kDebounceMs * 3);
  EXPECT_EQ(changes.count(), 0);
}

TEST(WhatIfControlTest, CountsLabelAndScreenshot) {
  WhatIfControl control;
  control.setPD(0.3);
  control.setCounts(6'370'000, 21'233'664);
  const QString text = control.countsText();
  EXPECT_TRUE(text.contains(QStringLiteral("6.4 M"))) << text.toStdString();
  EXPECT_TRUE(text.contains(QStringLiteral("21.2 M")));
  EXPECT_TRUE(text.contains(QLocale().toString(30.0, 'f', 1)));
  const QImage image = test::saveWidgetScreenshot(control, QStringLiteral("what-if"), {520, 70});
  EXPECT_FALSE(image.isNull());
  control.setCounts(0, 0);
  EXPECT_NE(control.countsText(), text);
}

}  // namespace
}  // namespace childtune::widgets
