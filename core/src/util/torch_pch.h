// Precompiled header for the torch-using translation units of childtune_core.
#pragma once
#include <torch/torch.h>
