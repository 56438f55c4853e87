class Fail < Formula
  def install
    ENV["GOPATH"] = buildpath
    system "go", "get", "-d", "./..."
#~^ homebrew/go-get
    system "go", "build", *std_go_args
  end
end
