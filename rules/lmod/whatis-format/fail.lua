help([[foo 1.0]])
whatis("Url: https://example.org/foo")
--~^ lmod/whatis-format
whatis("description: A tool that does foo")
--~^ lmod/whatis-format
whatis("Category: ")
--~^ lmod/whatis-format
whatis("")
--~^ lmod/whatis-format
