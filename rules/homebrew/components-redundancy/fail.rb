class Fail < Formula
  head "https://example.org/demo.git"
  head do
#~^ homebrew/components-redundancy
    url "https://example.org/demo.git"
    depends_on "autoconf" => :build
  end
end
