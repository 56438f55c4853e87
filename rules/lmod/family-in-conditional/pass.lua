help([[gcc 13.2]])
family("compiler")
if mode() == "load" then
   LmodMessage("gcc 13.2 loaded")
end
