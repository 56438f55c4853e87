class Fail < Formula
  env :userpaths
#~^ homebrew/go-resource
  go_resource "github.com/example/dep" do
#~^ homebrew/go-resource
    url "https://github.com/example/dep.git", revision: "0123456789abcdef0123456789abcdef01234567"
  end
end
