class Pass < Formula
  deprecate! date: "2024-02-29", because: :unmaintained
  disable! date: "2025-01-31", because: :unmaintained
end
