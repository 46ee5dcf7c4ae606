queue q0: long
stage s0() -> q0 { emit(1L); }
queue q1: long
stage s1(x: q0) -> q1 { emit(x); }
queue q2: long
stage s2(x: q1) -> q2 { emit(x); }
queue q3: long
stage s3(x: q2) -> q3 { emit(x); }
queue q4: long
stage s4(x: q3) -> q4 { emit(x); }
queue q5: long
stage s5(x: q4) -> q5 { emit(x); }
queue q6: long
stage s6(x: q5) -> q6 { emit(x); }
queue q7: long
stage s7(x: q6) -> q7 { emit(x); }
queue q8: long
stage s8(x: q7) -> q8 { emit(x); }
queue q9: long
stage s9(x: q8) -> q9 { emit(x); }
queue q10: long
stage s10(x: q9) -> q10 { emit(x); }
queue q11: long
stage s11(x: q10) -> q11 { emit(x); }
queue q12: long
stage s12(x: q11) -> q12 { emit(x); }
queue q13: long
stage s13(x: q12) -> q13 { emit(x); }
queue q14: long
stage s14(x: q13) -> q14 { emit(x); }
queue q15: long
stage s15(x: q14) -> q15 { emit(x); }
queue q16: long
stage s16(x: q15) -> q16 { emit(x); }
queue q17: long
stage s17(x: q16) -> q17 { emit(x); }
queue q18: long
stage s18(x: q17) -> q18 { emit(x); }
queue q19: long
stage s19(x: q18) -> q19 { emit(x); }
queue q20: long
stage s20(x: q19) -> q20 { emit(x); }
queue q21: long
stage s21(x: q20) -> q21 { emit(x); }
queue q22: long
stage s22(x: q21) -> q22 { emit(x); }
queue q23: long
stage s23(x: q22) -> q23 { emit(x); }
queue q24: long
stage s24(x: q23) -> q24 { emit(x); }
queue q25: long
stage s25(x: q24) -> q25 { emit(x); }
queue q26: long
stage s26(x: q25) -> q26 { emit(x); }
queue q27: long
stage s27(x: q26) -> q27 { emit(x); }
queue q28: long
stage s28(x: q27) -> q28 { emit(x); }
queue q29: long
stage s29(x: q28) -> q29 { emit(x); }
queue q30: long
stage s30(x: q29) -> q30 { emit(x); }
queue q31: long
stage s31(x: q30) -> q31 { emit(x); }
queue q32: long
stage s32(x: q31) -> q32 { emit(x); }
queue q33: long
stage s33(x: q32) -> q33 { emit(x); }
queue q34: long
stage s34(x: q33) -> q34 { emit(x); }
queue q35: long
stage s35(x: q34) -> q35 { emit(x); }
queue q36: long
stage s36(x: q35) -> q36 { emit(x); }
queue q37: long
stage s37(x: q36) -> q37 { emit(x); }
queue q38: long
stage s38(x: q37) -> q38 { emit(x); }
queue q39: long
stage s39(x: q38) -> q39 { emit(x); }
queue q40: long
stage s40(x: q39) -> q40 { emit(x); }
queue q41: long
stage s41(x: q40) -> q41 { emit(x); }
queue q42: long
stage s42(x: q41) -> q42 { emit(x); }
queue q43: long
stage s43(x: q42) -> q43 { emit(x); }
queue q44: long
stage s44(x: q43) -> q44 { emit(x); }
queue q45: long
stage s45(x: q44) -> q45 { emit(x); }
queue q46: long
stage s46(x: q45) -> q46 { emit(x); }
queue q47: long
stage s47(x: q46) -> q47 { emit(x); }
queue q48: long
stage s48(x: q47) -> q48 { emit(x); }
queue q49: long
stage s49(x: q48) -> q49 { emit(x); }
queue q50: long
stage s50(x: q49) -> q50 { emit(x); }
queue q51: long
stage s51(x: q50) -> q51 { emit(x); }
queue q52: long
stage s52(x: q51) -> q52 { emit(x); }
queue q53: long
stage s53(x: q52) -> q53 { emit(x); }
queue q54: long
stage s54(x: q53) -> q54 { emit(x); }
queue q55: long
stage s55(x: q54) -> q55 { emit(x); }
queue q56: long
stage s56(x: q55) -> q56 { emit(x); }
queue q57: long
stage s57(x: q56) -> q57 { emit(x); }
queue q58: long
stage s58(x: q57) -> q58 { emit(x); }
queue q59: long
stage s59(x: q58) -> q59 { emit(x); }
queue q60: long
stage s60(x: q59) -> q60 { emit(x); }
queue q61: long
stage s61(x: q60) -> q61 { emit(x); }
queue q62: long
stage s62(x: q61) -> q62 { emit(x); }
queue q63: long
stage s63(x: q62) -> q63 { emit(x); }
queue q64: long
stage s64(x: q63) -> q64 { emit(x); }
queue q65: long
stage s65(x: q64) -> q65 { emit(x); }
queue q66: long
stage s66(x: q65) -> q66 { emit(x); }
queue q67: long
stage s67(x: q66) -> q67 { emit(x); }
queue q68: long
stage s68(x: q67) -> q68 { emit(x); }
queue q69: long
stage s69(x: q68) -> q69 { emit(x); }
queue q70: long
stage s70(x: q69) -> q70 { emit(x); }
queue q71: long
stage s71(x: q70) -> q71 { emit(x); }
queue q72: long
stage s72(x: q71) -> q72 { emit(x); }
queue q73: long
stage s73(x: q72) -> q73 { emit(x); }
queue q74: long
stage s74(x: q73) -> q74 { emit(x); }
queue q75: long
stage s75(x: q74) -> q75 { emit(x); }
queue q76: long
stage s76(x: q75) -> q76 { emit(x); }
queue q77: long
stage s77(x: q76) -> q77 { emit(x); }
queue q78: long
stage s78(x: q77) -> q78 { emit(x); }
queue q79: long
stage s79(x: q78) -> q79 { emit(x); }
queue q80: long
stage s80(x: q79) -> q80 { emit(x); }
queue q81: long
stage s81(x: q80) -> q81 { emit(x); }
queue q82: long
stage s82(x: q81) -> q82 { emit(x); }
queue q83: long
stage s83(x: q82) -> q83 { emit(x); }
queue q84: long
stage s84(x: q83) -> q84 { emit(x); }
queue q85: long
stage s85(x: q84) -> q85 { emit(x); }
queue q86: long
stage s86(x: q85) -> q86 { emit(x); }
queue q87: long
stage s87(x: q86) -> q87 { emit(x); }
queue q88: long
stage s88(x: q87) -> q88 { emit(x); }
queue q89: long
stage s89(x: q88) -> q89 { emit(x); }
queue q90: long
stage s90(x: q89) -> q90 { emit(x); }
queue q91: long
stage s91(x: q90) -> q91 { emit(x); }
queue q92: long
stage s92(x: q91) -> q92 { emit(x); }
queue q93: long
stage s93(x: q92) -> q93 { emit(x); }
queue q94: long
stage s94(x: q93) -> q94 { emit(x); }
queue q95: long
stage s95(x: q94) -> q95 { emit(x); }
queue q96: long
stage s96(x: q95) -> q96 { emit(x); }
queue q97: long
stage s97(x: q96) -> q97 { emit(x); }
queue q98: long
stage s98(x: q97) -> q98 { emit(x); }
queue q99: long
stage s99(x: q98) -> q99 { emit(x); }
queue q100: long
stage s100(x: q99) -> q100 { emit(x); }
queue q101: long
stage s101(x: q100) -> q101 { emit(x); }
queue q102: long
stage s102(x: q101) -> q102 { emit(x); }
queue q103: long
stage s103(x: q102) -> q103 { emit(x); }
queue q104: long
stage s104(x: q103) -> q104 { emit(x); }
queue q105: long
stage s105(x: q104) -> q105 { emit(x); }
queue q106: long
stage s106(x: q105) -> q106 { emit(x); }
queue q107: long
stage s107(x: q106) -> q107 { emit(x); }
queue q108: long
stage s108(x: q107) -> q108 { emit(x); }
queue q109: long
stage s109(x: q108) -> q109 { emit(x); }
queue q110: long
stage s110(x: q109) -> q110 { emit(x); }
queue q111: long
stage s111(x: q110) -> q111 { emit(x); }
queue q112: long
stage s112(x: q111) -> q112 { emit(x); }
queue q113: long
stage s113(x: q112) -> q113 { emit(x); }
queue q114: long
stage s114(x: q113) -> q114 { emit(x); }
queue q115: long
stage s115(x: q114) -> q115 { emit(x); }
queue q116: long
stage s116(x: q115) -> q116 { emit(x); }
queue q117: long
stage s117(x: q116) -> q117 { emit(x); }
queue q118: long
stage s118(x: q117) -> q118 { emit(x); }
queue q119: long
stage s119(x: q118) -> q119 { emit(x); }
queue q120: long
stage s120(x: q119) -> q120 { emit(x); }
queue q121: long
stage s121(x: q120) -> q121 { emit(x); }
queue q122: long
stage s122(x: q121) -> q122 { emit(x); }
queue q123: long
stage s123(x: q122) -> q123 { emit(x); }
queue q124: long
stage s124(x: q123) -> q124 { emit(x); }
queue q125: long
stage s125(x: q124) -> q125 { emit(x); }
queue q126: long
stage s126(x: q125) -> q126 { emit(x); }
queue q127: long
stage s127(x: q126) -> q127 { emit(x); }
queue q128: long
stage s128(x: q127) -> q128 { emit(x); }
queue q129: long
stage s129(x: q128) -> q129 { emit(x); }
queue q130: long
stage s130(x: q129) -> q130 { emit(x); }
queue q131: long
stage s131(x: q130) -> q131 { emit(x); }
queue q132: long
stage s132(x: q131) -> q132 { emit(x); }
queue q133: long
stage s133(x: q132) -> q133 { emit(x); }
queue q134: long
stage s134(x: q133) -> q134 { emit(x); }
queue q135: long
stage s135(x: q134) -> q135 { emit(x); }
queue q136: long
stage s136(x: q135) -> q136 { emit(x); }
queue q137: long
stage s137(x: q136) -> q137 { emit(x); }
queue q138: long
stage s138(x: q137) -> q138 { emit(x); }
queue q139: long
stage s139(x: q138) -> q139 { emit(x); }
queue q140: long
stage s140(x: q139) -> q140 { emit(x); }
queue q141: long
stage s141(x: q140) -> q141 { emit(x); }
queue q142: long
stage s142(x: q141) -> q142 { emit(x); }
queue q143: long
stage s143(x: q142) -> q143 { emit(x); }
queue q144: long
stage s144(x: q143) -> q144 { emit(x); }
queue q145: long
stage s145(x: q144) -> q145 { emit(x); }
queue q146: long
stage s146(x: q145) -> q146 { emit(x); }
queue q147: long
stage s147(x: q146) -> q147 { emit(x); }
queue q148: long
stage s148(x: q147) -> q148 { emit(x); }
queue q149: long
stage s149(x: q148) -> q149 { emit(x); }
queue q150: long
stage s150(x: q149) -> q150 { emit(x); }
queue q151: long
stage s151(x: q150) -> q151 { emit(x); }
queue q152: long
stage s152(x: q151) -> q152 { emit(x); }
queue q153: long
stage s153(x: q152) -> q153 { emit(x); }
queue q154: long
stage s154(x: q153) -> q154 { emit(x); }
queue q155: long
stage s155(x: q154) -> q155 { emit(x); }
queue q156: long
stage s156(x: q155) -> q156 { emit(x); }
queue q157: long
stage s157(x: q156) -> q157 { emit(x); }
queue q158: long
stage s158(x: q157) -> q158 { emit(x); }
queue q159: long
stage s159(x: q158) -> q159 { emit(x); }
queue q160: long
stage s160(x: q159) -> q160 { emit(x); }
queue q161: long
stage s161(x: q160) -> q161 { emit(x); }
queue q162: long
stage s162(x: q161) -> q162 { emit(x); }
queue q163: long
stage s163(x: q162) -> q163 { emit(x); }
queue q164: long
stage s164(x: q163) -> q164 { emit(x); }
queue q165: long
stage s165(x: q164) -> q165 { emit(x); }
queue q166: long
stage s166(x: q165) -> q166 { emit(x); }
queue q167: long
stage s167(x: q166) -> q167 { emit(x); }
queue q168: long
stage s168(x: q167) -> q168 { emit(x); }
queue q169: long
stage s169(x: q168) -> q169 { emit(x); }
queue q170: long
stage s170(x: q169) -> q170 { emit(x); }
queue q171: long
stage s171(x: q170) -> q171 { emit(x); }
queue q172: long
stage s172(x: q171) -> q172 { emit(x); }
queue q173: long
stage s173(x: q172) -> q173 { emit(x); }
queue q174: long
stage s174(x: q173) -> q174 { emit(x); }
queue q175: long
stage s175(x: q174) -> q175 { emit(x); }
queue q176: long
stage s176(x: q175) -> q176 { emit(x); }
queue q177: long
stage s177(x: q176) -> q177 { emit(x); }
queue q178: long
stage s178(x: q177) -> q178 { emit(x); }
queue q179: long
stage s179(x: q178) -> q179 { emit(x); }
queue q180: long
stage s180(x: q179) -> q180 { emit(x); }
queue q181: long
stage s181(x: q180) -> q181 { emit(x); }
queue q182: long
stage s182(x: q181) -> q182 { emit(x); }
queue q183: long
stage s183(x: q182) -> q183 { emit(x); }
queue q184: long
stage s184(x: q183) -> q184 { emit(x); }
queue q185: long
stage s185(x: q184) -> q185 { emit(x); }
queue q186: long
stage s186(x: q185) -> q186 { emit(x); }
queue q187: long
stage s187(x: q186) -> q187 { emit(x); }
queue q188: long
stage s188(x: q187) -> q188 { emit(x); }
queue q189: long
stage s189(x: q188) -> q189 { emit(x); }
queue q190: long
stage s190(x: q189) -> q190 { emit(x); }
queue q191: long
stage s191(x: q190) -> q191 { emit(x); }
queue q192: long
stage s192(x: q191) -> q192 { emit(x); }
queue q193: long
stage s193(x: q192) -> q193 { emit(x); }
queue q194: long
stage s194(x: q193) -> q194 { emit(x); }
queue q195: long
stage s195(x: q194) -> q195 { emit(x); }
queue q196: long
stage s196(x: q195) -> q196 { emit(x); }
queue q197: long
stage s197(x: q196) -> q197 { emit(x); }
queue q198: long
stage s198(x: q197) -> q198 { emit(x); }
queue q199: long
stage s199(x: q198) -> q199 { emit(x); }
queue q200: long
stage s200(x: q199) -> q200 { emit(x); }
queue q201: long
stage s201(x: q200) -> q201 { emit(x); }
queue q202: long
stage s202(x: q201) -> q202 { emit(x); }
queue q203: long
stage s203(x: q202) -> q203 { emit(x); }
queue q204: long
stage s204(x: q203) -> q204 { emit(x); }
queue q205: long
stage s205(x: q204) -> q205 { emit(x); }
queue q206: long
stage s206(x: q205) -> q206 { emit(x); }
queue q207: long
stage s207(x: q206) -> q207 { emit(x); }
queue q208: long
stage s208(x: q207) -> q208 { emit(x); }
queue q209: long
stage s209(x: q208) -> q209 { emit(x); }
queue q210: long
stage s210(x: q209) -> q210 { emit(x); }
queue q211: long
stage s211(x: q210) -> q211 { emit(x); }
queue q212: long
stage s212(x: q211) -> q212 { emit(x); }
queue q213: long
stage s213(x: q212) -> q213 { emit(x); }
queue q214: long
stage s214(x: q213) -> q214 { emit(x); }
queue q215: long
stage s215(x: q214) -> q215 { emit(x); }
queue q216: long
stage s216(x: q215) -> q216 { emit(x); }
queue q217: long
stage s217(x: q216) -> q217 { emit(x); }
queue q218: long
stage s218(x: q217) -> q218 { emit(x); }
queue q219: long
stage s219(x: q218) -> q219 { emit(x); }
queue q220: long
stage s220(x: q219) -> q220 { emit(x); }
queue q221: long
stage s221(x: q220) -> q221 { emit(x); }
queue q222: long
stage s222(x: q221) -> q222 { emit(x); }
queue q223: long
stage s223(x: q222) -> q223 { emit(x); }
queue q224: long
stage s224(x: q223) -> q224 { emit(x); }
queue q225: long
stage s225(x: q224) -> q225 { emit(x); }
queue q226: long
stage s226(x: q225) -> q226 { emit(x); }
queue q227: long
stage s227(x: q226) -> q227 { emit(x); }
queue q228: long
stage s228(x: q227) -> q228 { emit(x); }
queue q229: long
stage s229(x: q228) -> q229 { emit(x); }
queue q230: long
stage s230(x: q229) -> q230 { emit(x); }
queue q231: long
stage s231(x: q230) -> q231 { emit(x); }
queue q232: long
stage s232(x: q231) -> q232 { emit(x); }
queue q233: long
stage s233(x: q232) -> q233 { emit(x); }
queue q234: long
stage s234(x: q233) -> q234 { emit(x); }
queue q235: long
stage s235(x: q234) -> q235 { emit(x); }
queue q236: long
stage s236(x: q235) -> q236 { emit(x); }
queue q237: long
stage s237(x: q236) -> q237 { emit(x); }
queue q238: long
stage s238(x: q237) -> q238 { emit(x); }
queue q239: long
stage s239(x: q238) -> q239 { emit(x); }
queue q240: long
stage s240(x: q239) -> q240 { emit(x); }
queue q241: long
stage s241(x: q240) -> q241 { emit(x); }
queue q242: long
stage s242(x: q241) -> q242 { emit(x); }
queue q243: long
stage s243(x: q242) -> q243 { emit(x); }
queue q244: long
stage s244(x: q243) -> q244 { emit(x); }
queue q245: long
stage s245(x: q244) -> q245 { emit(x); }
queue q246: long
stage s246(x: q245) -> q246 { emit(x); }
queue q247: long
stage s247(x: q246) -> q247 { emit(x); }
queue q248: long
stage s248(x: q247) -> q248 { emit(x); }
queue q249: long
stage s249(x: q248) -> q249 { emit(x); }
queue q250: long
stage s250(x: q249) -> q250 { emit(x); }
queue q251: long
stage s251(x: q250) -> q251 { emit(x); }
queue q252: long
stage s252(x: q251) -> q252 { emit(x); }
queue q253: long
stage s253(x: q252) -> q253 { emit(x); }
queue q254: long
stage s254(x: q253) -> q254 { emit(x); }
queue q255: long
stage s255(x: q254) -> q255 { emit(x); }
queue q256: long
stage s256(x: q255) -> q256 { emit(x); }
queue q257: long
stage s257(x: q256) -> q257 { emit(x); }
queue q258: long
stage s258(x: q257) -> q258 { emit(x); }
queue q259: long
stage s259(x: q258) -> q259 { emit(x); }
queue q260: long
stage s260(x: q259) -> q260 { emit(x); }
queue q261: long
stage s261(x: q260) -> q261 { emit(x); }
queue q262: long
stage s262(x: q261) -> q262 { emit(x); }
queue q263: long
stage s263(x: q262) -> q263 { emit(x); }
queue q264: long
stage s264(x: q263) -> q264 { emit(x); }
queue q265: long
stage s265(x: q264) -> q265 { emit(x); }
queue q266: long
stage s266(x: q265) -> q266 { emit(x); }
queue q267: long
stage s267(x: q266) -> q267 { emit(x); }
queue q268: long
stage s268(x: q267) -> q268 { emit(x); }
queue q269: long
stage s269(x: q268) -> q269 { emit(x); }
queue q270: long
stage s270(x: q269) -> q270 { emit(x); }
queue q271: long
stage s271(x: q270) -> q271 { emit(x); }
queue q272: long
stage s272(x: q271) -> q272 { emit(x); }
queue q273: long
stage s273(x: q272) -> q273 { emit(x); }
queue q274: long
stage s274(x: q273) -> q274 { emit(x); }
queue q275: long
stage s275(x: q274) -> q275 { emit(x); }
queue q276: long
stage s276(x: q275) -> q276 { emit(x); }
queue q277: long
stage s277(x: q276) -> q277 { emit(x); }
queue q278: long
stage s278(x: q277) -> q278 { emit(x); }
queue q279: long
stage s279(x: q278) -> q279 { emit(x); }
queue q280: long
stage s280(x: q279) -> q280 { emit(x); }
queue q281: long
stage s281(x: q280) -> q281 { emit(x); }
queue q282: long
stage s282(x: q281) -> q282 { emit(x); }
queue q283: long
stage s283(x: q282) -> q283 { emit(x); }
queue q284: long
stage s284(x: q283) -> q284 { emit(x); }
queue q285: long
stage s285(x: q284) -> q285 { emit(x); }
queue q286: long
stage s286(x: q285) -> q286 { emit(x); }
queue q287: long
stage s287(x: q286) -> q287 { emit(x); }
queue q288: long
stage s288(x: q287) -> q288 { emit(x); }
queue q289: long
stage s289(x: q288) -> q289 { emit(x); }
queue q290: long
stage s290(x: q289) -> q290 { emit(x); }
queue q291: long
stage s291(x: q290) -> q291 { emit(x); }
queue q292: long
stage s292(x: q291) -> q292 { emit(x); }
queue q293: long
stage s293(x: q292) -> q293 { emit(x); }
queue q294: long
stage s294(x: q293) -> q294 { emit(x); }
queue q295: long
stage s295(x: q294) -> q295 { emit(x); }
queue q296: long
stage s296(x: q295) -> q296 { emit(x); }
queue q297: long
stage s297(x: q296) -> q297 { emit(x); }
queue q298: long
stage s298(x: q297) -> q298 { emit(x); }
queue q299: long
stage s299(x: q298) -> q299 { emit(x); }
stage last(q299) { for (long x : q299) (void)x; }
