// The command line can set integers, floating point numbers, bools and strings only.
param sizes: std::vector<int>  // expected-error:14 {{param 'sizes' has type 'std::vector<int>'; a param must be an integral type, float, double, bool or std::string}}
param label: string = "x"  // expected-error:14 {{param 'label' has type 'string'; a param must be an integral type, float, double, bool or std::string; did you mean 'std::string'?}}
