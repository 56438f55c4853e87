class Fail < Formula
  def install
    inreplace "demo.conf", "127.0.0.1", "0.0.0.0"
#~^ homebrew/zero-zero-zero-zero
  end
  service do
    run [opt_bin/"demo", "--bind", "0.0.0.0"]
#~^ homebrew/zero-zero-zero-zero
  end
end
