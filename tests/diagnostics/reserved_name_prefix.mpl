// Names starting with mpl_ belong to the generated code.
param mpl_seed: long = 7  // expected-error:7 {{'mpl_seed' is reserved and cannot name a param}}
