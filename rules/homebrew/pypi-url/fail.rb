class Fail < Formula
  url "https://pypi.python.org/packages/source/d/demo/demo-1.0.tar.gz"
#~^ homebrew/pypi-url
  resource "six" do
    url "https://files.pythonhosted.org/packages/source/s/six/six-1.16.0.tar.gz"
#~^ homebrew/pypi-url
  end
end
