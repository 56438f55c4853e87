class Pass < Formula
  license any_of: ["GPL-2.0-or-later", "LGPL-2.1-only"]
end
