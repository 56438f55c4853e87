class Fail < Formula
  test do
#~^ homebrew/test-version-only
    system bin/"demo", "--version"
  end
end
