#pragma once
// A self-contained workspace for `childtune --screenshots` and demos without network or
// downloads: a tiny, randomly initialised BERT (4 layers, hidden size 64, its own 60-word
// WordPiece vocabulary) and an SST-2-shaped sentiment task built from those words, which the
// tiny model learns within a few hundred steps on a CPU.

#include <QString>

namespace childtune::app {

struct DemoWorkspace {
  QString modelDir;  // Hugging Face folder: config.json, vocab.txt, model.safetensors
  QString glueDir;   // holds SST-2/{train,dev}.tsv
};

// Writes the workspace under `root` (created if needed; existing files are replaced). Returns
// false and sets `error` when a file cannot be written. Deterministic: the same files every time.
bool writeDemoWorkspace(const QString& root, DemoWorkspace* workspace, QString* error);

}  // namespace childtune::app
