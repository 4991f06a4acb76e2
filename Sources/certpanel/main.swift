print("certpanel")
