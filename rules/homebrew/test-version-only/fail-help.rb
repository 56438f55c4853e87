class FailHelp < Formula
  test do
#~^ homebrew/test-version-only
    assert_match "Usage", shell_output("#{bin}/demo --help")
    assert_match version.to_s, shell_output("#{bin}/demo -V")
  end
end
