// The Model view: architecture card, per-layer chart, module table, tensor list, problem page.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QToolButton>

#include <set>

#include "childtune/model_info.h"
#include "childtune/widgets/model_details_widget.h"
#include "childtune/widgets/palette_colors.h"
#include "childtune/widgets/parameter_models.h"
#include "childtune/widgets/qcustomplot_include.h"
#include "gui_test_support.h"
#include "support/test_env.h"

namespace childtune::widgets {
namespace {

using ::testing::HasSubstr;

QString number(qint64 value) { return QLocale().toString(value); }

class ModelDetailsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    summary_ = test::syntheticSummary();
    widget_.resize(1100, 750);
    widget_.showSummary("synthetic", summary_);
  }
  core::ModelSummary summary_;
  ModelDetailsWidget widget_;
};

TEST_F(ModelDetailsTest, StartsEmptyWithTheActionsTheAppAdds) {
  ModelDetailsWidget fresh;
  EXPECT_EQ(fresh.page(), ModelDetailsWidget::Page::Empty);
  EXPECT_TRUE(fresh.layerSeries().empty());
  QAction add("Add Model Folder…");
  int triggered = 0;
  QObject::connect(&add, &QAction::triggered, &fresh, [&triggered] { ++triggered; });
  fresh.addEmptyPageAction(&add);
  auto* button = fresh.findChild<QToolButton*>("emptyPageAction");
  ASSERT_NE(button, nullptr);
  EXPECT_EQ(button->defaultAction(), &add);
  button->click();
  EXPECT_EQ(triggered, 1);
}

TEST_F(ModelDetailsTest, ArchitectureCardShowsTheSummaryNumbers) {
  EXPECT_EQ(widget_.page(), ModelDetailsWidget::Page::Details);
  EXPECT_EQ(widget_.fieldValue("architecture"), "BERT");
  EXPECT_EQ(widget_.fieldValue("layers"), number(2));
  EXPECT_EQ(widget_.fieldValue("hiddenSize"), number(64));
  EXPECT_EQ(widget_.fieldValue("attentionHeads"), QString("%1 × %2").arg(number(4), number(16)));
  EXPECT_EQ(widget_.fieldValue("intermediateSize"), number(256));
  EXPECT_EQ(widget_.fieldValue("vocabSize"), number(30522));
  EXPECT_EQ(widget_.fieldValue("maxPositions"), number(512));
  EXPECT_EQ(widget_.fieldValue("typeVocabSize"), number(2));
  EXPECT_EQ(widget_.fieldValue("tokenizer"), "WordPiece");
  EXPECT_EQ(widget_.fieldValue("parameters"), number(summary_.totalParameters));
  EXPECT_THAT(widget_.fieldValue("head").toStdString(), HasSubstr("3"));
  EXPECT_THAT(widget_.fieldValue("weights").toStdString(),
              HasSubstr(byteSize(summary_.weightBytes).toStdString()));
  EXPECT_TRUE(widget_.fieldValue("no-such-field").isEmpty());
  // Every field is filled and reachable by its object name, with an accessible name.
  for (const QString& key : widget_.fieldKeys()) {
    const auto* label = widget_.findChild<QLabel*>("field_" + key);
    ASSERT_NE(label, nullptr) << key.toStdString();
    EXPECT_FALSE(label->text().isEmpty()) << key.toStdString();
    EXPECT_FALSE(label->accessibleName().isEmpty()) << key.toStdString();
  }
}

TEST_F(ModelDetailsTest, ModuleTableMatchesTheSummary) {
  const ModuleKindTableModel* table = widget_.moduleKindModel();
  ASSERT_EQ(table->rowCount(), static_cast<int>(summary_.parametersByKind.size()) + 1);
  std::set<core::ModuleKind> seen;
  for (int row = 0; row + 1 < table->rowCount(); ++row) {
    const auto& r = table->rows()[static_cast<size_t>(row)];
    seen.insert(r.kind);
    const qint64 expected = summary_.parametersByKind.at(r.kind);
    EXPECT_EQ(r.parameters, expected);
    EXPECT_EQ(table->index(row, ModuleKindTableModel::ParametersColumn).data().toString(),
              number(expected));
    EXPECT_EQ(table->index(row, ModuleKindTableModel::KindColumn).data().toString(),
              moduleKindLabel(r.kind));
    const double share =
        100.0 * static_cast<double>(expected) / static_cast<double>(summary_.totalParameters);
    EXPECT_DOUBLE_EQ(table->index(row, ModuleKindTableModel::ShareColumn)
                         .data(ModuleKindTableModel::kRawValueRole)
                         .toDouble(),
                     share);
    EXPECT_EQ(table->index(row, ModuleKindTableModel::ShareColumn).data().toString(),
              QString("%1 %").arg(QLocale().toString(share, 'f', 1)));
    qint64 tensors = 0;
    for (const auto& p : summary_.parameters) {
      tensors += p.kind.kind == r.kind ? 1 : 0;
    }
    EXPECT_EQ(r.tensors, tensors);
  }
  EXPECT_EQ(seen.size(), summary_.parametersByKind.size());
  const int total = table->rowCount() - 1;
  EXPECT_EQ(table->index(total, ModuleKindTableModel::KindColumn).data().toString(), "Total");
  EXPECT_EQ(table->index(total, ModuleKindTableModel::ParametersColumn).data().toString(),
            number(summary_.totalParameters));
  EXPECT_EQ(table->index(total, ModuleKindTableModel::TensorsColumn).data().toString(),
            number(static_cast<qint64>(summary_.parameters.size())));
}

TEST_F(ModelDetailsTest, ChartStacksEachLayerByModuleKind) {
  const auto& series = widget_.layerSeries();
  // Layer kinds only: no embeddings, pooler or head.
  EXPECT_EQ(series.count(core::ModuleKind::Embeddings), 0u);
  EXPECT_EQ(series.count(core::ModuleKind::Head), 0u);
  for (size_t layer = 0; layer < summary_.parametersPerLayer.size(); ++layer) {
    qint64 sum = 0;
    for (const auto& [kind, values] : series) {
      ASSERT_EQ(values.size(), summary_.parametersPerLayer.size());
      sum += values[layer];
    }
    EXPECT_EQ(sum, summary_.parametersPerLayer[layer]) << "layer " << layer;
  }
  QCustomPlot* chart = widget_.layerChart();
  ASSERT_EQ(chart->plottableCount(), static_cast<int>(series.size()));
  EXPECT_EQ(chart->legend->itemCount(), chart->plottableCount());
  double scale = 1.0;  // the chart plots thousands when the layers are large enough
  const std::string unit = chart->yAxis->label().toStdString();
  if (unit.find("thousands") != std::string::npos) {
    scale = 1e3;
  } else if (unit.find("millions") != std::string::npos) {
    scale = 1e6;
  }
  for (int i = 0; i < chart->plottableCount(); ++i) {
    auto* bars = qobject_cast<QCPBars*>(chart->plottable(i));
    ASSERT_NE(bars, nullptr);
    const auto kind = static_cast<core::ModuleKind>(bars->property("moduleKind").toInt());
    EXPECT_EQ(bars->name(), moduleKindLabel(kind));
    EXPECT_EQ(bars->brush().color(), moduleKindColor(kind, widget_.palette()));
    ASSERT_EQ(bars->data()->size(), 2);
    for (int layer = 0; layer < 2; ++layer) {
      EXPECT_DOUBLE_EQ(bars->data()->at(layer)->value * scale,
                       static_cast<double>(series.at(kind)[static_cast<size_t>(layer)]));
    }
    // Stacked: each bar set sits on the previous one.
    EXPECT_EQ(bars->barBelow() != nullptr, i > 0);
  }
  EXPECT_EQ(chart->xAxis->label(), "Encoder layer");
}

TEST_F(ModelDetailsTest, TensorListFiltersByText) {
  EXPECT_EQ(widget_.parameterListModel()->rowCount(), static_cast<int>(summary_.parameters.size()));
  widget_.setCurrentTab(ModelDetailsWidget::Tab::Tensors);
  EXPECT_EQ(widget_.currentTab(), ModelDetailsWidget::Tab::Tensors);
  widget_.tensorFilterEdit()->setText("query");
  EXPECT_EQ(widget_.tensorFilterModel()->rowCount(), 4);  // weight and bias in two layers
  const auto* count = widget_.findChild<QLabel*>("tensorCount");
  ASSERT_NE(count, nullptr);
  EXPECT_THAT(count->text().toStdString(), HasSubstr("4 of"));
  widget_.tensorFilterEdit()->clear();
  EXPECT_EQ(widget_.tensorFilterModel()->rowCount(), static_cast<int>(summary_.parameters.size()));
  const QModelIndex shape = widget_.parameterListModel()->index(0, ParameterListModel::ShapeColumn);
  EXPECT_EQ(shape.data().toString(), "30522 × 64");
}

TEST_F(ModelDetailsTest, ShowsTheProblemOfAnUnusableModel) {
  core::CatalogEntry entry;
  entry.displayName = "pickled";
  entry.path = "/models/pickled";
  entry.problem = "only pytorch_model.bin was found — convert it to safetensors";
  widget_.showEntry(entry);
  EXPECT_EQ(widget_.page(), ModelDetailsWidget::Page::Problem);
  EXPECT_EQ(widget_.problemText().toStdString(), entry.problem);
  EXPECT_TRUE(widget_.layerSeries().empty());
  EXPECT_EQ(widget_.moduleKindModel()->rowCount(), 0);
  widget_.showEmpty();
  EXPECT_EQ(widget_.page(), ModelDetailsWidget::Page::Empty);
}

TEST_F(ModelDetailsTest, ChartFollowsThePalette) {
  QPalette dark;
  dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
  dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
  dark.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
  widget_.setPalette(dark);
  EXPECT_EQ(widget_.layerChart()->xAxis->tickLabelColor(), QColor(0xee, 0xee, 0xee));
  EXPECT_EQ(widget_.layerChart()->legend->textColor(), QColor(0xee, 0xee, 0xee));
}

TEST(ModelDetailsRealModelTest, ShowsWhatInspectModelReadsFromATinyBert) {
  test::TempDir tmp;
  const auto dir = test::makeReferenceModel(tmp.path(), "tiny-bert");
  const core::ModelSummary summary = core::inspectModel(dir);
  qint64 expectedTotal = 0;
  for (const auto& [name, shape] : test::referenceParameters("tiny-bert")) {
    qint64 numel = 1;
    for (const int64_t d : shape) {
      numel *= d;
    }
    expectedTotal += numel;
  }
  ASSERT_EQ(expectedTotal, summary.totalParameters);
  ASSERT_GT(expectedTotal, 0);
  ModelDetailsWidget widget;
  widget.showSummary("tiny-bert", summary);
  EXPECT_EQ(widget.fieldValue("layers"), number(2));
  EXPECT_EQ(widget.fieldValue("hiddenSize"), number(32));
  EXPECT_EQ(widget.fieldValue("intermediateSize"), number(37));
  EXPECT_EQ(widget.fieldValue("vocabSize"), number(1000));
  EXPECT_EQ(widget.fieldValue("parameters"), number(expectedTotal));
  EXPECT_EQ(widget.fieldValue("head"), "yes, 3 labels");
  EXPECT_EQ(widget.parameterListModel()->rowCount(),
            static_cast<int>(test::referenceParameters("tiny-bert").size()));
  ASSERT_EQ(widget.layerSeries().size(), 7u);  // Q, K, V, attention output, FFN in/out, LN
  for (size_t layer = 0; layer < 2; ++layer) {
    qint64 sum = 0;
    for (const auto& [kind, values] : widget.layerSeries()) {
      sum += values[layer];
    }
    EXPECT_EQ(sum, summary.parametersPerLayer[layer]);
  }
}

}  // namespace
}  // namespace childtune::widgets
