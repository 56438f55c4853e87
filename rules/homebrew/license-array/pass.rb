class Pass < Formula
  license any_of: ["MIT", "Apache-2.0"]
end
