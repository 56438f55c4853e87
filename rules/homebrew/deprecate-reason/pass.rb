class Pass < Formula
  deprecate! date: "2024-01-31", because: :repo_archived
  disable! date: "2025-01-31", because: "does not build with current compilers"
end
