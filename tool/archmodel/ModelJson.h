// archmodel/ModelJson.h: one arch's model (ArchModel without its rule) as JSON and back, for
// the model cache and for the shards of a sweep that `dcalias merge` combines.
//
// Contract: modelFromJson(modelToJson(M)) equals M in every field the reports read (the audit
// and its diagnostics; locations point to interned paths that live as long as the process).
// Anything missing or of another type gives std::nullopt, never a partly filled model.
#pragma once

#include "archmodel/Audit.h"

#include "llvm/Support/JSON.h"

#include <optional>

namespace dcalias::archmodel {

llvm::json::Value modelToJson(const ArchModel &M);
std::optional<ArchModel> modelFromJson(const llvm::json::Value &V);

// One configuration's answer and what evaluating it reported, the same way.
llvm::json::Value configToJson(const ConfigAudit &C, const DiagList &Diags);
std::optional<ConfigAudit> configFromJson(const llvm::json::Value &V, DiagList &Diags);

} // namespace dcalias::archmodel
