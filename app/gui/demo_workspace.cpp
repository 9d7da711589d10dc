#include "demo_workspace.h"

#include <QDir>
#include <QFile>
#include <QStringList>
#include <cstddef>
#include <random>
#include <span>
#include <string>
#include <vector>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <cmath>
#include <cstring>

namespace childtune::app {

namespace {

constexpr int kLayers = 4;
constexpr int kHidden = 64;
constexpr int kIntermediate = 128;
constexpr int kHeads = 4;
constexpr int kPositions = 64;

const char* const kPositive[] = {"good",   "great", "wonderful", "lovely", "fun",
                                 "superb", "warm",  "charming",  "moving", "clever"};
const char* const kNegative[] = {"bad",  "awful", "boring", "dull",  "terrible",
                                 "weak", "flat",  "poor",   "messy", "tedious"};
const char* const kFiller[] = {"the",   "movie",  "film",   "plot",    "actors",   "story", "was",
                               "is",    "a",      "very",   "quite",   "and",      "but",   "with",
                               "music", "ending", "cast",   "it",      "really",   "at",    "times",
                               "this",  "script", "scenes", "overall", "director", ",",     "."};

bool writeText(const QString& path, const QByteArray& text, QString* error) {
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text) != text.size()) {
    *error = QCoreApplication::translate("childtune::app::DemoWorkspace", "Cannot write %1: %2")
                 .arg(path, file.errorString());
    return false;
  }
  return true;
}

QByteArray vocabulary() {
  QStringList words{QStringLiteral("[PAD]"), QStringLiteral("[UNK]"), QStringLiteral("[CLS]"),
                    QStringLiteral("[SEP]"), QStringLiteral("[MASK]")};
  for (const char* w : kPositive) {
    words << QString::fromLatin1(w);
  }
  for (const char* w : kNegative) {
    words << QString::fromLatin1(w);
  }
  for (const char* w : kFiller) {
    words << QString::fromLatin1(w);
  }
  return (words.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8();
}

int vocabularySize() {
  return 5 + static_cast<int>(std::size(kPositive) + std::size(kNegative) + std::size(kFiller));
}

QByteArray configJson() {
  return QStringLiteral(R"({
  "architectures": ["BertForSequenceClassification"],
  "attention_probs_dropout_prob": 0.1,
  "hidden_act": "gelu",
  "hidden_dropout_prob": 0.1,
  "hidden_size": %1,
  "initializer_range": 0.02,
  "intermediate_size": %2,
  "layer_norm_eps": 1e-12,
  "max_position_embeddings": %3,
  "model_type": "bert",
  "num_attention_heads": %4,
  "num_hidden_layers": %5,
  "pad_token_id": 0,
  "type_vocab_size": 2,
  "vocab_size": %6
}
)")
      .arg(kHidden)
      .arg(kIntermediate)
      .arg(kPositions)
      .arg(kHeads)
      .arg(kLayers)
      .arg(vocabularySize())
      .toUtf8();
}

// Sentences of filler words with one or two sentiment words; label 1 when they are positive.
QByteArray sentimentTsv(int rows, uint32_t seed) {
  std::mt19937 rng(seed);
  const auto pick = [&rng](const auto& list) {
    return QString::fromLatin1(list[rng() % std::size(list)]);
  };
  QByteArray text = "sentence\tlabel\n";
  for (int i = 0; i < rows; ++i) {
    const bool positive = (rng() & 1U) != 0U;
    QStringList words;
    const int length = 4 + static_cast<int>(rng() % 8);
    const int cues = 1 + static_cast<int>(rng() % 2);
    for (int k = 0; k < length; ++k) {
      words << pick(kFiller);
    }
    for (int c = 0; c < cues; ++c) {
      const auto at = static_cast<qsizetype>(rng() % static_cast<uint32_t>(words.size() + 1));
      words.insert(at, positive ? pick(kPositive) : pick(kNegative));
    }
    text += words.join(QLatin1Char(' ')).toUtf8() + '\t' + (positive ? '1' : '0') + '\n';
  }
  return text;
}

struct Weights {
  std::vector<std::string> names;
  std::vector<std::vector<int64_t>> shapes;
  std::vector<std::vector<float>> values;

  void add(std::string name, std::vector<int64_t> shape, std::mt19937& rng, float fill = NAN) {
    int64_t count = 1;
    for (const int64_t d : shape) {
      count *= d;
    }
    std::vector<float> v(static_cast<size_t>(count));
    std::normal_distribution<float> normal(0.0F, 0.02F);
    for (float& x : v) {
      x = std::isnan(fill) ? normal(rng) : fill;
    }
    names.push_back(std::move(name));
    shapes.push_back(std::move(shape));
    values.push_back(std::move(v));
  }
  void linear(const std::string& prefix, int64_t out, int64_t in, std::mt19937& rng) {
    add(prefix + ".weight", {out, in}, rng);
    add(prefix + ".bias", {out}, rng, 0.0F);
  }
  void layerNorm(const std::string& prefix, std::mt19937& rng) {
    add(prefix + ".weight", {kHidden}, rng, 1.0F);
    add(prefix + ".bias", {kHidden}, rng, 0.0F);
  }
};

// The safetensors layout (8-byte little-endian header size, JSON header, raw data), F32 only; the
// model loader validates it like any downloaded file.
bool writeSafetensors(const QString& path, const Weights& w, QString* error) {
  QJsonObject header;
  header.insert(QStringLiteral("__metadata__"),
                QJsonObject{{QStringLiteral("format"), QStringLiteral("pt")}});
  qint64 offset = 0;
  for (size_t i = 0; i < w.names.size(); ++i) {
    QJsonArray shape;
    for (const int64_t d : w.shapes[i]) {
      shape.append(static_cast<qint64>(d));
    }
    const auto bytes = static_cast<qint64>(w.values[i].size() * sizeof(float));
    header.insert(
        QString::fromStdString(w.names[i]),
        QJsonObject{{QStringLiteral("dtype"), QStringLiteral("F32")},
                    {QStringLiteral("shape"), shape},
                    {QStringLiteral("data_offsets"), QJsonArray{offset, offset + bytes}}});
    offset += bytes;
  }
  QByteArray json = QJsonDocument(header).toJson(QJsonDocument::Compact);
  while (json.size() % 8 != 0) {
    json.append(' ');
  }
  QByteArray data;
  const auto size = static_cast<quint64>(json.size());
  for (int b = 0; b < 8; ++b) {
    data.append(static_cast<char>((size >> (8 * b)) & 0xFFU));
  }
  data.append(json);
  for (const auto& values : w.values) {
    // x86 and ARM are little-endian, as the format requires.
    data.append(reinterpret_cast<const char*>(values.data()),
                static_cast<qsizetype>(values.size() * sizeof(float)));
  }
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
    *error = QCoreApplication::translate("childtune::app::DemoWorkspace", "Cannot write %1: %2")
                 .arg(path, file.errorString());
    return false;
  }
  return true;
}

}  // namespace

bool writeDemoWorkspace(const QString& root, DemoWorkspace* workspace, QString* error) {
  const QString modelDir = QDir(root).filePath(QStringLiteral("models/childtune-demo-bert"));
  const QString glueDir = QDir(root).filePath(QStringLiteral("glue"));
  const QString taskDir = QDir(glueDir).filePath(QStringLiteral("SST-2"));
  for (const QString& dir : {modelDir, taskDir}) {
    if (!QDir().mkpath(dir)) {
      *error = QCoreApplication::translate("childtune::app::DemoWorkspace",
                                           "Cannot create the folder %1")
                   .arg(dir);
      return false;
    }
  }
  const QDir model(modelDir);
  if (!writeText(model.filePath(QStringLiteral("config.json")), configJson(), error) ||
      !writeText(model.filePath(QStringLiteral("vocab.txt")), vocabulary(), error) ||
      !writeText(model.filePath(QStringLiteral("tokenizer_config.json")),
                 R"({"do_lower_case": true, "model_max_length": 64})"
                 "\n",
                 error) ||
      !writeText(QDir(taskDir).filePath(QStringLiteral("train.tsv")), sentimentTsv(512, 1),
                 error) ||
      !writeText(QDir(taskDir).filePath(QStringLiteral("dev.tsv")), sentimentTsv(128, 2), error)) {
    return false;
  }

  std::mt19937 rng(20211107);
  Weights w;
  w.add("bert.embeddings.word_embeddings.weight", {vocabularySize(), kHidden}, rng);
  w.add("bert.embeddings.position_embeddings.weight", {kPositions, kHidden}, rng);
  w.add("bert.embeddings.token_type_embeddings.weight", {2, kHidden}, rng);
  w.layerNorm("bert.embeddings.LayerNorm", rng);
  for (int layer = 0; layer < kLayers; ++layer) {
    const std::string p = "bert.encoder.layer." + std::to_string(layer);
    w.linear(p + ".attention.self.query", kHidden, kHidden, rng);
    w.linear(p + ".attention.self.key", kHidden, kHidden, rng);
    w.linear(p + ".attention.self.value", kHidden, kHidden, rng);
    w.linear(p + ".attention.output.dense", kHidden, kHidden, rng);
    w.layerNorm(p + ".attention.output.LayerNorm", rng);
    w.linear(p + ".intermediate.dense", kIntermediate, kHidden, rng);
    w.linear(p + ".output.dense", kHidden, kIntermediate, rng);
    w.layerNorm(p + ".output.LayerNorm", rng);
  }
  w.linear("bert.pooler.dense", kHidden, kHidden, rng);

  if (!writeSafetensors(model.filePath(QStringLiteral("model.safetensors")), w, error)) {
    return false;
  }
  workspace->modelDir = modelDir;
  workspace->glueDir = glueDir;
  return true;
}

}  // namespace childtune::app
