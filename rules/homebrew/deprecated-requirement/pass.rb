class Pass < Formula
  depends_on "libx11"
  depends_on "openjdk@8"
  depends_on macos: :catalina
end
